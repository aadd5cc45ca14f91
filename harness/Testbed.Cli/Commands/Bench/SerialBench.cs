using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testbed.Drivers.Comm;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Cli.Commands.Bench;

/// <summary><c>testbed bench serial</c>: READ? round trips per second to the Keithley twin over a pty and over TCP, against a raw echo on the same transport.</summary>
/// <remarks>
/// The client is the driver's line code in both cases (System.IO.Ports on the pty, a socket for TCP), so the ratio
/// is the cost of the twin's transport + SCPI adapter + model relative to a bare echo. The simulation clock runs at
/// 10⁶× so the simulated conversion time does not count.
/// </remarks>
internal static class SerialBench
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per case.", DefaultValueFactory = _ => 2.0 };
        var command = new Command("serial", "READ? round trips/s to the Keithley twin over pty and TCP vs a raw echo (target ≥ 0.7×).") { seconds };
        command.SetAction(async (parse, ct) => await RunAsync(TimeSpan.FromSeconds(parse.GetValue(seconds)), ct));
        return command;
    }

    private static async Task<int> RunAsync(TimeSpan duration, CancellationToken ct)
    {
        using var dir = new TempFolder();
        using var clock = new SimulationClock(1e6);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(1e-9)));
        instrument.OpenSession().Receive("SYST:ZCH OFF;SENS1:CURR:NPLC 0.01\n"u8);

        Console.WriteLine($"testbed bench serial: {duration.TotalSeconds:0.#} s per case, READ? vs echo, clock rate 1e6");
        Console.WriteLine($"{"transport",-10} {"echo rt/s",12} {"twin rt/s",12} {"ratio",7}");
        var ok = true;

        double ptyEcho, ptyTwin;
        using (var pty = PseudoTerminal.Open())
        {
            using var stop = new CancellationTokenSource();
            var echo = new Thread(() => EchoPty(pty, stop.Token)) { IsBackground = true };
            echo.Start();
            ptyEcho = await MeasureAsync(new LocalSerialLine(pty.SlavePath, new SerialLineOptions { BaudRate = 38400 }), duration, ct);
            await stop.CancelAsync();
            echo.Join();
        }
        await using (var port = new PtySerialPort(instrument, Path.Combine(dir.Path, "ttyK"), clock))
        {
            port.Start();
            ptyTwin = await MeasureAsync(new LocalSerialLine(port.LinkPath, new SerialLineOptions { BaudRate = 38400 }), duration, ct);
        }
        ok &= Report("pty", ptyEcho, ptyTwin);

        double tcpEcho, tcpTwin;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var echo = EchoTcpAsync(listener, ct);
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            tcpEcho = await MeasureAsync(new TcpSerialLine($"tcp://127.0.0.1:{port}", ("127.0.0.1", port)), duration, ct);
            listener.Stop();
            await echo;
        }
        await using (var server = new TcpSerialServer(instrument, new IPEndPoint(IPAddress.Loopback, 0), clock, TcpSerialProtocol.Raw))
        {
            server.Start();
            var port = server.Endpoint.Port;
            tcpTwin = await MeasureAsync(new TcpSerialLine($"tcp://127.0.0.1:{port}", ("127.0.0.1", port)), duration, ct);
        }
        ok &= Report("tcp", tcpEcho, tcpTwin);
        return ok ? 0 : 1;
    }

    private static bool Report(string transport, double echo, double twin)
    {
        var ratio = twin / echo;
        Console.WriteLine($"{transport,-10} {echo,12:0} {twin,12:0} {ratio,7:0.00}{(ratio >= 0.7 ? "" : "  below the 0.7 target")}");
        return ratio >= 0.7;
    }

    private static async Task<double> MeasureAsync(ISerialLine line, TimeSpan duration, CancellationToken ct)
    {
        await using (line)
        {
            await line.OpenAsync(ct);
            var request = "READ?\n"u8.ToArray();
            byte[] eol = [(byte)'\n'];
            for (var i = 0; i < 50; i++) await RoundTrip(line, request, eol, ct);
            var count = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                await RoundTrip(line, request, eol, ct);
                count++;
            }
            return count / watch.Elapsed.TotalSeconds;
        }
    }

    private static async Task RoundTrip(ISerialLine line, byte[] request, byte[] eol, CancellationToken ct)
    {
        await line.WriteAsync(request, ct);
        await line.ReadLineAsync(eol, TimeSpan.FromSeconds(5), ct);
    }

    private static void EchoPty(PseudoTerminal pty, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            var n = pty.Read(buffer, 50);
            if (n > 0) pty.Write(buffer.AsSpan(0, n));
        }
    }

    private static async Task EchoTcpAsync(TcpListener listener, CancellationToken ct)
    {
        try
        {
            using var socket = await listener.AcceptSocketAsync(ct);
            socket.NoDelay = true;
            var buffer = new byte[4096];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) return;
                socket.Send(buffer, 0, n, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("testbed-bench-serial-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
