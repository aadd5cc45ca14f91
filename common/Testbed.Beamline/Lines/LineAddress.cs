using System.Globalization;

namespace Testbed.Beamline.Lines;

/// <summary>Where a controller is reached, as its <c>url:</c> says; the one grammar both the twin and the drivers read.</summary>
/// <param name="Scheme"><c>udp</c>, <c>tcp</c> (also <c>socket://</c>), <c>rfc2217</c>, <c>ser2net</c>, <c>tty</c> (a local path) or <c>http</c>.</param>
/// <param name="Host">Host name or address (null for a tty).</param>
/// <param name="Port">TCP/UDP port; 0 = any free port (twin side).</param>
/// <param name="Path">Absolute tty path (tty), or the device path on a ser2net host (ser2net).</param>
public sealed record LineAddress(string Scheme, string? Host, int Port, string? Path)
{
    /// <summary>BLISS's Elmo port when <c>url:</c> has none.</summary>
    public const int DefaultUdpPort = 5001;

    /// <summary>True for the kinds served on a TCP port (everything but udp and tty).</summary>
    public bool IsTcp => Scheme is "tcp" or "rfc2217" or "ser2net" or "http";

    /// <summary>The address as a <c>url:</c> value.</summary>
    public string Url => Scheme switch
    {
        "udp" => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
        "tty" => Path!,
        "ser2net" => $"ser2net://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}",
        _ => $"{Scheme}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>The same address on another port.</summary>
    public LineAddress WithPort(int port) => this with { Port = port };

    /// <summary>Reads the <c>url:</c> node <paramref name="url"/> as a <paramref name="kind"/> address; relative tty paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="ConfigException">Not such an address (file:line); the message shows what to write.</exception>
    public static LineAddress Parse(ConfigNode url, Schema.LineKind kind, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(url);
        try { return Parse(url.AsString(), kind, baseDirectory); }
        catch (ArgumentException e) { throw url.Error(null, e.Message); }
    }

    /// <summary>Reads <paramref name="text"/> as a <paramref name="kind"/> address (for addresses given outside a beamline file).</summary>
    /// <exception cref="ArgumentException">Not such an address; the message shows what to write.</exception>
    public static LineAddress Parse(string text, Schema.LineKind kind, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        return kind switch
        {
            Schema.LineKind.Udp => Udp(text),
            Schema.LineKind.Http => Http(text),
            _ => Serial(text, baseDirectory),
        };
    }

    private static LineAddress Udp(string text)
    {
        var rest = text.StartsWith("udp://", StringComparison.OrdinalIgnoreCase) ? text[6..] : text;
        if (rest.Contains("://", StringComparison.Ordinal) || rest.Contains('/', StringComparison.Ordinal) || rest.Contains(' ', StringComparison.Ordinal))
            throw new ArgumentException($"'{text}' is not host[:port], e.g. 127.0.0.1:5001 or drive1");
        var colon = rest.LastIndexOf(':');
        return colon < 0 ? new("udp", CheckHost(text, rest), DefaultUdpPort, null) : new("udp", CheckHost(text, rest[..colon]), CheckPort(text, rest[(colon + 1)..]), null);
    }

    private static LineAddress Http(string text)
    {
        if (!text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ArgumentException($"'{text}' is not an http:// URL; write e.g. http://127.0.0.1:8081");
        return new("http", uri.Host, uri.Port, null);
    }

    private static LineAddress Serial(string text, string baseDirectory)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (prefix, scheme) in new[] { ("rfc2217://", "rfc2217"), ("tcp://", "tcp"), ("socket://", "tcp") })
            if (lower.StartsWith(prefix, StringComparison.Ordinal)) return HostPort(text, text[prefix.Length..].TrimEnd('/'), scheme);
        if (lower.StartsWith("ser2net://", StringComparison.Ordinal))
        {
            var rest = text["ser2net://".Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0 || slash == rest.Length - 1)
                throw new ArgumentException($"'{text}' names no device; write ser2net://host:control-port/dev/ttyXX");
            return HostPort(text, rest[..slash], "ser2net") with { Path = rest[slash..] };
        }
        if (lower.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"'{text}' is not a serial line testbed knows; write a tty path, tcp://host:port, rfc2217://host:port or ser2net://host:port/dev/ttyXX");
        return new("tty", null, 0, System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, text)));
    }

    private static LineAddress HostPort(string text, string hostPort, string scheme)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0) throw new ArgumentException($"'{text}' needs host:port, e.g. {scheme}://127.0.0.1:28001");
        return new(scheme, CheckHost(text, hostPort[..colon].Trim('[', ']')), CheckPort(text, hostPort[(colon + 1)..]), null);
    }

    private static string CheckHost(string text, string host) =>
        host.Length == 0 ? throw new ArgumentException($"'{text}' names no host; write e.g. 127.0.0.1")
        : IsHostName(host) || System.Net.IPAddress.TryParse(host, out _) ? host
        : throw new ArgumentException($"'{text}': '{host}' is not a host name or address; write e.g. 127.0.0.1");

    /// <summary>What DNS can be asked about: 1…253 characters of letters, digits, '-', '.' and '_' (others make the resolver throw).</summary>
    public static bool IsHostName(string host) =>
        host is { Length: > 0 and <= 253 } && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    private static int CheckPort(string text, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
            ? p
            : throw new ArgumentException($"'{port}' in '{text}' is not a port number (0…65535; 0 = any free port)");
}
