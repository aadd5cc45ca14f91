namespace Testbed.Blissdata.Documents;

/// <summary>A Redis command as name + arguments, built by a pure function so it can be checked argument by argument.</summary>
public sealed record RedisCommand(string Name, IReadOnlyList<object> Args)
{
    public override string ToString() => $"{Name} {string.Join(' ', Args)}";
}
