using System.Net.Sockets;
using System.Text;

namespace Testbed.Drivers.Comm;

/// <summary><c>ser2net://host:ctlport/dev/ttyX</c>: asks ser2net's control port which TCP port serves the device, then talks RFC 2217 there.</summary>
/// <remarks>The device must appear as a whole column of a <c>showshortport</c> line that starts with the numeric port (no prefix matching, unlike BLISS's regex).</remarks>
public sealed class Ser2NetSerialLine(string address, (string Host, int Port) controlPort, string device, SerialLineOptions options, TimeProvider? time = null)
    : Rfc2217SerialLine(address, controlPort, options, time)
{
    protected override async Task<(string Host, int Port)> ResolveEndpointAsync((string Host, int Port) configured, CancellationToken cancellationToken)
    {
        var control = configured;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(control.Host, control.Port, cancellationToken);
            await socket.SendAsync("showshortport\r\n"u8.ToArray(), SocketFlags.None, cancellationToken);
            var text = new StringBuilder();
            var buffer = new byte[4096];
            // Two prompts: one after the greeting, one after the table.
            while (CountPrompts(text) < 2)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (n == 0) break;
                text.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
            foreach (var raw in text.ToString().Split('\n'))
            {
                var columns = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 1 && int.TryParse(columns[0], out var port) && columns.Contains(device)) return (control.Host, port);
            }
            throw new SerialLineException($"{Address}: the ser2net control port at {control.Host}:{control.Port} lists no port for {device}");
        }
        catch (SocketException e)
        {
            throw new SerialLineException($"{Address}: cannot ask the ser2net control port at {control.Host}:{control.Port}: {e.Message}", e);
        }
    }

    private static int CountPrompts(StringBuilder text)
    {
        var s = text.ToString();
        var count = 0;
        for (var i = s.IndexOf("->", StringComparison.Ordinal); i >= 0; i = s.IndexOf("->", i + 2, StringComparison.Ordinal)) count++;
        return count;
    }
}
