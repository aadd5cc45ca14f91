using System.Text;

namespace Testbed.Fuzzing.Engine;

/// <summary>What went wrong with an input: an undocumented exception, no return within the deadline, or unbounded memory.</summary>
public enum FindingKind { Crash, Hang, Memory }

/// <summary>One failure, with what is needed to replay it: target, seed, input index and the input itself.</summary>
public sealed record FuzzFinding(FindingKind Kind, string Target, long Seed, long Index, byte[]? Input, string Problem, string? Where = null)
{
    /// <summary>The whole exception with its stack, for a developer replaying the input.</summary>
    public string? Detail { get; init; }

    /// <summary>Exception type and throw site: equal signatures are the same bug.</summary>
    public string Signature => $"{Kind} {Problem.Split(':')[0]} {Where}";

    /// <summary>A few lines a person can act on: what, which input, the input escaped, and the replay command.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        sb.Append(Kind.ToString().ToLowerInvariant()).Append(" in ").Append(Target).Append(", seed ").Append(Seed);
        if (Index >= 0) sb.Append(", input #").Append(Index);
        sb.Append(": ").Append(Problem).AppendLine();
        if (Where is not null) sb.Append("  at ").AppendLine(Where);
        if (Input is not null)
        {
            sb.Append("  input (").Append(Input.Length).Append(" bytes): ").AppendLine(Escape(Input, 240));
            if (Index >= 0) sb.Append("  replay: testbed fuzz ").Append(Target).Append(" --seed ").Append(Seed).Append(" --index ").AppendLine(Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Input.Length <= 1024) sb.Append("  replay: testbed fuzz ").Append(Target).Append(" --replay ").AppendLine(Convert.ToBase64String(Input));
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The bytes as a quoted C-style string (<c>\r</c>, <c>\xff</c>), cut after <paramref name="max"/> bytes.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes, int max = int.MaxValue)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
        {
            sb.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        sb.Append('"');
        if (bytes.Length > max) sb.Append($"… ({bytes.Length - max} more)");
        return sb.ToString();
    }
}
