using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Drivers.Comm;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Bench.Serial;

/// <summary><c>testbed bench serial</c>: READ? round trips per second to the Keithley twin over a pty and over TCP, against a raw echo on the same transport.</summary>
/// <remarks>
/// The client is the driver's line code in both cases (System.IO.Ports on the pty, a socket for TCP), so the ratio
/// is the cost of the twin's transport + SCPI adapter + model relative to a bare echo. The simulation clock runs at
/// 10⁶× so the simulated conversion time does not count.
/// </remarks>
public sealed class SerialBenchmark : Benchmark<SerialSettings>
{
    private static readonly Target Goal = Target.RatioAtLeast(0.7);
    private static readonly SerialLineOptions Baud = new() { BaudRate = 38400 };
    private static readonly byte[] Request = "READ?\n"u8.ToArray();
    private static readonly byte[] Eol = [(byte)'\n'];

    public override string Name => "serial";

    public override string Description => "READ? round trips/s to the Keithley twin over pty and TCP vs a raw echo on the same line (target ≥ 0.7×).";

    public override IReadOnlyList<BenchOption<SerialSettings>> Options { get; } =
    [
        new BenchOption<SerialSettings>.Seconds("--seconds", "Measuring time per server and transport in each run.", s => s.Seconds, (s, v) => s with { Seconds = v }),
        new BenchOption<SerialSettings>.Count("--repeat", "Runs (echo and twin alternate, the order rotating); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(SerialSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)} × {s.Seconds} s per server and transport, READ? vs echo, twin clock rate 1e6");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(SerialSettings s, IBenchProgress progress, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("testbed-bench-serial-").FullName;
        try
        {
            using var clock = new SimulationClock(1e6);
            var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(1e-9)));
            instrument.OpenSession().Receive("SYST:ZCH OFF;SENS1:CURR:NPLC 0.01\n"u8);
            var sheet = new ResultSheet();
            await PtyAsync(instrument, clock, Path.Combine(dir, "ttyK"), s, sheet, progress, ct);
            await TcpAsync(instrument, clock, s, sheet, progress, ct);
            return (sheet.Results(), []);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task PtyAsync(KeithleyInstrument instrument, SimulationClock clock, string link, SerialSettings s, ResultSheet sheet, IBenchProgress progress, CancellationToken ct)
    {
        using var pty = PseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        var echo = new Thread(() => LineEchoes.Pty(pty, stop.Token)) { IsBackground = true };
        echo.Start();
        try
        {
            await using var port = new PtySerialPort(instrument, link, clock);
            port.Start();
            await CompareAsync("pty", new LocalSerialLine(pty.SlavePath, Baud), new LocalSerialLine(port.LinkPath, Baud), s, sheet, progress, ct);
        }
        finally
        {
            await stop.CancelAsync();
            echo.Join();
        }
    }

    private static async Task TcpAsync(KeithleyInstrument instrument, SimulationClock clock, SerialSettings s, ResultSheet sheet, IBenchProgress progress, CancellationToken ct)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var echo = LineEchoes.TcpAsync(listener, ct);
        try
        {
            await using var server = new TcpSerialServer(instrument, new IPEndPoint(IPAddress.Loopback, 0), clock, TcpSerialProtocol.Raw);
            server.Start();
            var echoPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            var twinPort = server.Endpoint.Port;
            await CompareAsync("TCP", new TcpSerialLine($"tcp://127.0.0.1:{echoPort}", ("127.0.0.1", echoPort)),
                new TcpSerialLine($"tcp://127.0.0.1:{twinPort}", ("127.0.0.1", twinPort)), s, sheet, progress, ct);
        }
        finally
        {
            listener.Stop();
            await echo;
        }
    }

    /// <summary>Both lines stay open; each run measures echo and twin for the same time, the one that goes first alternating.</summary>
    private static async Task CompareAsync(string transport, ISerialLine echo, ISerialLine twin, SerialSettings s, ResultSheet sheet, IBenchProgress progress, CancellationToken ct)
    {
        await using (echo)
        await using (twin)
        {
            ISerialLine[] lines = [echo, twin];
            var duration = TimeSpan.FromSeconds(s.Seconds);
            foreach (var line in lines)
            {
                await line.OpenAsync(ct);
                for (var i = 0; i < 50; i++) await RoundTripAsync(line, ct); // warm-up
            }
            for (var run = 0; run < s.Repeat; run++)
            {
                var rates = new double[2];
                foreach (var i in Rotation.Order(2, run)) rates[i] = await RateAsync(lines[i], duration, ct);
                sheet.Add($"READ? over {transport}", "rt/s", Goal, new Measurement(rates[1], rates[0]));
                progress.Note(string.Create(CultureInfo.InvariantCulture,
                    $"{transport} run {run + 1}/{s.Repeat}: echo {rates[0]:F0} rt/s, twin {rates[1]:F0} rt/s, ratio {rates[1] / rates[0]:F2}"));
            }
        }
    }

    private static async Task<double> RateAsync(ISerialLine line, TimeSpan duration, CancellationToken ct)
    {
        var count = 0;
        var start = Time.GetTimestamp();
        while (Time.GetElapsedTime(start) < duration)
        {
            await RoundTripAsync(line, ct);
            count++;
        }
        return count / Time.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task RoundTripAsync(ISerialLine line, CancellationToken ct)
    {
        await line.WriteAsync(Request, ct);
        await line.ReadLineAsync(Eol, TimeSpan.FromSeconds(5), ct);
    }
}
