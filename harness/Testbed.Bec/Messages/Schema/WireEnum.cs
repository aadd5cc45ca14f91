using System.Reflection;
using System.Text;

namespace Testbed.Bec.Messages.Schema;

/// <summary>Names a C# enum member as it is spelled on the wire, when the snake_case of its name is not that.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Marks an enum whose wire names are UPPER_SNAKE_CASE (queue and item states).</summary>
[AttributeUsage(AttributeTargets.Enum)]
public sealed class WireUpperCaseAttribute : Attribute;

/// <summary>C# enum ⇄ the closed set of strings a BEC <c>Literal[...]</c> allows.</summary>
public static class WireEnum<T> where T : struct, Enum
{
    private static readonly (T Value, string Wire)[] Table = Build();

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Wire)];

    public static string ToWire(T value)
    {
        foreach (var (v, w) in Table)
            if (EqualityComparer<T>.Default.Equals(v, value)) return w;
        throw new BecValueException($"{value} is not a {typeof(T).Name}");
    }

    public static bool TryParse(string wire, out T value)
    {
        foreach (var (v, w) in Table)
        {
            if (string.Equals(w, wire, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Parses or throws naming <paramref name="where"/> and the allowed names.</summary>
    public static T Parse(string wire, string where) =>
        TryParse(wire, out var v)
            ? v
            : throw new BecValidationException($"{where}: '{wire}' is not one of {string.Join(", ", Names.Select(n => $"'{n}'"))}");

    internal static LiteralType Literal { get; } = new(Names);

    private static (T, string)[] Build()
    {
        var upper = typeof(T).GetCustomAttribute<WireUpperCaseAttribute>() is not null;
        return [.. typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
        {
            var wire = f.GetCustomAttribute<WireNameAttribute>()?.Name ?? Snake(f.Name);
            return ((T)f.GetValue(null)!, upper ? wire.ToUpperInvariant() : wire);
        })];
    }

    private static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
