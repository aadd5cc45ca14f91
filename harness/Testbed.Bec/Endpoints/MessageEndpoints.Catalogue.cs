using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Testbed.Bec.Endpoints;

/// <summary>An endpoint method with its parameters as placeholders, e.g. <c>device_read(device)</c> → <c>info/devices/read/{device}</c>.</summary>
public sealed record EndpointTemplate(string Method, IReadOnlyList<string> Parameters, string Template, string MessageType, MessageOp Op)
{
    private readonly Regex _regex = Compile(Template, Parameters);

    /// <summary>Literal characters of the template: the more, the more specific.</summary>
    internal int Specificity { get; } = Regex.Replace(Template, @"\{[^}]+\}", "").Length;

    internal Match Match(string key) => _regex.Match(key);

    private static Regex Compile(string template, IReadOnlyList<string> parameters)
    {
        var pattern = new StringBuilder("^");
        var rest = template;
        foreach (var p in parameters)
        {
            var at = rest.IndexOf("{" + p + "}", StringComparison.Ordinal);
            pattern.Append(Regex.Escape(rest[..at]));
            // Ids may contain slashes (BECClient/<uuid>), so the last parameter takes the rest of the key.
            pattern.Append(p == parameters[^1] && at + p.Length + 2 == rest.Length ? "(.+)" : "([^/]+)");
            rest = rest[(at + p.Length + 2)..];
        }
        pattern.Append(Regex.Escape(rest)).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }
}

/// <summary>A concrete key matched to its endpoint, with the parameter values.</summary>
public sealed record EndpointMatch(EndpointTemplate Template, IReadOnlyDictionary<string, string> Arguments);

public static partial class MessageEndpoints
{
    private static readonly Lazy<IReadOnlyList<EndpointTemplate>> AllTemplates = new(BuildTemplates);

    /// <summary>Every endpoint of bec_lib 3.165.1 (128), parameters named as in Python (<c>scan_id</c>, <c>RID</c>).</summary>
    public static IReadOnlyList<EndpointTemplate> Catalogue => AllTemplates.Value;

    /// <summary>The endpoint a concrete key or channel belongs to (the most specific one when several match), or null.</summary>
    public static EndpointMatch? Match(string key)
    {
        EndpointMatch? best = null;
        foreach (var t in Catalogue)
        {
            var m = t.Match(key);
            if (!m.Success || (best is not null && best.Template.Specificity >= t.Specificity)) continue;
            var args = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < t.Parameters.Count; i++) args[t.Parameters[i]] = m.Groups[i + 1].Value;
            best = new EndpointMatch(t, args);
        }
        return best;
    }

    private static IReadOnlyList<EndpointTemplate> BuildTemplates()
    {
        var list = new List<EndpointTemplate>();
        foreach (var method in typeof(MessageEndpoints).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (!typeof(EndpointInfo).IsAssignableFrom(method.ReturnType)) continue;
            var names = method.GetParameters().Select(p => PythonName(p.Name!)).ToArray();
            var info = (EndpointInfo)method.Invoke(null, [.. names.Select(n => (object)("{" + n + "}"))])!;
            list.Add(new EndpointTemplate(info.Method, names, info.Endpoint, info.MessageType, info.Op));
        }
        return [.. list.OrderBy(t => t.Method, StringComparer.Ordinal)];
    }

    private static string PythonName(string csharp)
    {
        if (csharp == "rid") return "RID";
        var sb = new StringBuilder();
        foreach (var c in csharp)
        {
            if (char.IsUpper(c)) sb.Append('_').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
