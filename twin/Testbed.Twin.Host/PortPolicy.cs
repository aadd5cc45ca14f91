using System.Globalization;

namespace Testbed.Twin.Host;

/// <summary>Which ports the twin serves on: the file's (<c>file</c>), any free ones (<c>free</c>), or the file's shifted by N (<c>offset:N</c>).</summary>
public sealed record PortPolicy(string Mode, int Offset = 0)
{
    public static PortPolicy AsFile { get; } = new("file");

    public static PortPolicy Free { get; } = new("free");

    public static PortPolicy Shifted(int offset) => new("offset", offset);

    public bool KeepsFile => Mode == "file";

    /// <summary>Reads <c>file</c>, <c>free</c> or <c>offset:N</c>.</summary>
    /// <exception cref="ArgumentException">Anything else; the message lists the forms.</exception>
    public static PortPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "file") return AsFile;
        if (text == "free") return Free;
        if (text.StartsWith("offset:", StringComparison.Ordinal) &&
            int.TryParse(text.AsSpan(7), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is > -65535 and < 65535)
            return Shifted(n);
        throw new ArgumentException($"'{text}' is not a port choice; write file (the beamline file's ports), free (any free ports) or offset:N (each port + N, e.g. offset:100)");
    }

    /// <summary>The port to bind for a file port (0 stays 0: the file already asks for a free one).</summary>
    public int Map(int port) => Mode switch
    {
        "free" => 0,
        "offset" when port != 0 => port + Offset,
        _ => port,
    };

    public override string ToString() => Mode == "offset" ? $"offset:{Offset}" : Mode;
}
