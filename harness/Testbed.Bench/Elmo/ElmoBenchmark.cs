using System.Globalization;
using System.Net;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Bench.Elmo;

/// <summary><c>testbed bench elmo</c>: PX round trips against the Elmo twin's UDP server versus a raw UDP echo server, both on loopback in the same run.</summary>
public sealed class ElmoBenchmark : Benchmark<ElmoSettings>
{
    private static readonly byte[] Request = "PX\r"u8.ToArray();
    private static readonly TimeSpan SliceLength = TimeSpan.FromMilliseconds(250);
    private static readonly Target Throughput = Target.RatioAtLeast(0.7);
    private static readonly Target Latency = Target.Below(1000, "p99 < 1 ms");

    public override string Name => "elmo";

    public override string Description =>
        "Round trips of 'PX\\r' to an in-process Elmo twin vs a raw UDP echo server (targets: ≥ 0.7× echo throughput, p99 < 1 ms).";

    public override IReadOnlyList<BenchOption<ElmoSettings>> Options { get; } =
    [
        new BenchOption<ElmoSettings>.Seconds("--seconds", "Measuring time per server in each run (alternating 250 ms slices).", s => s.Seconds, (s, v) => s with { Seconds = v }),
        new BenchOption<ElmoSettings>.Count("--clients", "Concurrent closed-loop clients (one socket each).", 1, s => s.Clients, (s, v) => s with { Clients = v }),
        new BenchOption<ElmoSettings>.Count("--repeat", "Runs; medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(ElmoSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Clients} client(s), {Runs(s.Repeat)} × {s.Seconds} s per server in alternating {SliceLength.TotalMilliseconds} ms slices, 'PX\\r' on 127.0.0.1");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(ElmoSettings s, IBenchProgress progress, CancellationToken ct)
    {
        // Both servers run at once and are measured in alternating slices, so a load change on the machine
        // hits both the same way and the ratio stays meaningful.
        var rounds = Math.Max(1, (int)Math.Round(s.Seconds / SliceLength.TotalSeconds));
        var drive = new ElmoDrive(Time, new ElmoDriveSettings { MotorOnAtPowerUp = true });
        await using var echoServer = UdpEchoServer.Start();
        await using var twinServer = new ElmoUdpServer(drive, new IPEndPoint(IPAddress.Loopback, 0));
        // As served: statements reported to a fault timeline (none armed), requests through the link's loss check.
        using var faults = new Testbed.Twin.Faults.FaultTimeline(Time);
        twinServer.Faults = faults;
        twinServer.Start();
        (IPEndPoint Server, UdpRoundTrips.ReplyCheck Check)[] servers = [(echoServer.EndPoint, _ => true), (twinServer.LocalEndPoint, IsPxReply)];
        foreach (var (server, check) in servers) UdpRoundTrips.Measure(Time, server, Request, s.Clients, SliceLength, check); // warm-up
        var sheet = new ResultSheet();
        long lost = 0, bad = 0;
        for (var run = 0; run < s.Repeat; run++)
        {
            ct.ThrowIfCancellationRequested();
            var slices = new[] { new List<UdpRoundTrips.Slice>(), new List<UdpRoundTrips.Slice>() };
            for (var r = 0; r < rounds && !ct.IsCancellationRequested; r++)
                foreach (var i in Rotation.Order(2, run))
                    slices[i].Add(UdpRoundTrips.Measure(Time, servers[i].Server, Request, s.Clients, SliceLength, servers[i].Check));
            ct.ThrowIfCancellationRequested();
            var echo = UdpRoundTrips.Summarize(slices[0]);
            var twin = UdpRoundTrips.Summarize(slices[1]);
            lost += twin.Lost;
            bad += twin.Bad;
            sheet.Add("twin throughput", "req/s", Throughput, new Measurement(twin.Rate, echo.Rate));
            sheet.Add("twin p99 round trip", "µs", Latency, new Measurement(twin.P99));
            progress.Note(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}/{s.Repeat}: echo {echo.Rate:F0} req/s (p50 {echo.P50:F1} µs, p99 {echo.P99:F1} µs), twin {twin.Rate:F0} req/s (p50 {twin.P50:F1} µs, p99 {twin.P99:F1} µs), ratio {twin.Rate / echo.Rate:F2}"));
        }
        List<string> notes = [];
        if (lost > 0 || bad > 0) notes.Add($"the twin lost {lost} request(s) (no reply within 1 s) and gave {bad} reply(ies) that were not 'PX\\r<value>;'");
        return (sheet.Results(), notes);
    }

    private static bool IsPxReply(ReadOnlySpan<byte> reply) =>
        reply.Length > 4 && reply.StartsWith(Request) && reply[^1] == ';';
}
