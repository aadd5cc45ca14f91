using System.Collections.Concurrent;
using System.Globalization;
using Testbed.Beamline;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Demo;
using Testbed.Drivers.Registry;
using Testbed.Scans.Bus;
using Testbed.Scans.Client;
using Testbed.Scans.Hosting;
using Testbed.Scans.ScanServer;
using Testbed.Scans.ScanServer.Scans;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Bench.Scan;

/// <summary><c>testbed bench scan</c>: points/s of a zero-time line scan (exp_time 0, one step per point, the twin at a high clock rate)
/// through the whole scan stack — a BEC client's request over a private Redis, scan server, device server, drivers, twin of one Elmo axis
/// and three Keithleys — against raw XADDs of the same points in the same run; the drivers alone on the same points; and where a point's
/// time goes (move, trigger, read, publish), from the messages the services already exchange.</summary>
public sealed class ScanBenchmark : Benchmark<ScanBenchSettings>
{
    private static readonly Target Goal = Target.AtLeast(1000, "≥ 1000 pts/s");
    private const int WarmUpPoints = 50;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    // The services' own timers (heartbeats, the bundler's flush) run on the twin's clock too: at a high rate they fire that much more often.
    private const string SlowerHint = "the services' timers run on the twin's clock and fire rate times as often: try a lower --rate (100 works on 2 cores)";

    public override string Name => "scan";

    public override string Description =>
        "Points/s of a zero-time line scan through the scan stack (Redis, scan server, device server, twin: 1 Elmo axis, 3 Keithleys) vs raw XADDs of the same points, " +
        "the drivers alone, and each point's move / trigger / read / publish (target ≥ 1000 pts/s).";

    public override IReadOnlyList<BenchOption<ScanBenchSettings>> Options { get; } =
    [
        new BenchOption<ScanBenchSettings>.Count("--points", "Points per scan (and per reference), one axis step apart.", 2, s => s.Points, (s, v) => s with { Points = v }),
        new BenchOption<ScanBenchSettings>.Seconds("--rate", "Twin clock rate (virtual seconds per real second); the services and drivers wait on it.", s => s.Rate, (s, v) => s with { Rate = v }),
        new BenchOption<ScanBenchSettings>.Count("--repeat", "Runs (scan, raw XADDs and drivers alone in rotating order); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(ScanBenchSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)} of a {s.Points}-point line scan of {ScanBeamline.Axis} (1 µm per point, exp_time 0) read with {ScanBeamline.Counters.Length} Keithley counters, twin clock rate {s.Rate}, on a private redis-server");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(ScanBenchSettings s, IBenchProgress progress, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("testbed-bench-scan-").FullName;
        var warnings = new ConcurrentQueue<string>();
        try
        {
            var config = BeamlineConfig.Load(ScanBeamline.Write(dir));
            using var redis = PrivateRedisServer.Start();
            using var clock = new SimulationClock(s.Rate);
            using var loggers = LineLoggerProvider.Factory((_, text) => warnings.Enqueue(text));
            await using var twin = await ServedBeamline.StartAsync(config, PortPolicy.Free, new TwinContext(clock, loggers, dir), null, ct);
            await using var stack = await StartStackAsync(new ScanServerOptions
            {
                RedisUrl = redis.Url(0),
                BlissdataUrl = redis.Url(1),
                FileBasePath = Path.Combine(dir, "data"),
                Time = clock,
                LoggerFactory = loggers,
                Beamline = twin.Resolved,
                // The scan server waits on the twin's clock: its timeouts are given in real seconds, scaled.
                AckTimeout = TimeSpan.FromSeconds(10 * s.Rate),
                CompletionTimeout = TimeSpan.FromSeconds(600 * s.Rate),
            }, s.Rate, ct);
            await using var client = await ScanClient.ConnectAsync(redis.Url(0));
            await using var timeline = await InstructionTimeline.StartAsync(redis.Url(0), Time);
            await using var store = await DataStore.ConnectAsync(redis.Url(1));
            await using var drivers = DriverRegistry.Build(twin.Resolved, new DriverContext(clock, TimeProvider.System, dir));
            foreach (var a in drivers.Axes) await a.InitializeAsync(ct);
            foreach (var c in drivers.Counters) await c.InitializeAsync(ct);
            var direct = new DirectPoints(drivers.Axes.Single(), drivers.Counters);
            var channels = 1 + drivers.Counters.Count;
            var prefix = $"bench:scan:{Guid.NewGuid():N}";

            // Warm-up (JIT, connections, the services' caches), not reported.
            var warm = Math.Min(s.Points, WarmUpPoints);
            await ScanAsync(client, timeline, warm, s.Rate, ct);
            await RawPointXadds.RateAsync(Time, store.Database, $"{prefix}:warm", channels, warm);
            await direct.RunAsync(Time, Positions(warm), ct);

            var sheet = new ResultSheet();
            var splits = new List<PointSplit>();
            var raws = new List<double>();
            var directs = new List<(double Rate, double Move, double Read)>();
            for (var run = 0; run < s.Repeat; run++)
            {
                ct.ThrowIfCancellationRequested();
                (PointSplit? Split, double Whole) scan = (null, 0);
                double raw = 0;
                (double Rate, double Move, double Read) alone = default;
                foreach (var part in Rotation.Order(3, run))
                {
                    if (part == 0) scan = await ScanAsync(client, timeline, s.Points, s.Rate, ct);
                    else if (part == 1) raw = await RawPointXadds.RateAsync(Time, store.Database, $"{prefix}:{run}", channels, s.Points);
                    else alone = await direct.RunAsync(Time, Positions(s.Points), ct);
                }
                var split = scan.Split!;
                var loop = 1e6 / split.Period;
                sheet.Add("(a) line scan through the stack, points loop", "pts/s", Goal, new Measurement(loop, raw));
                sheet.Add("(b) line scan through the stack, whole request", "pts/s", Goal, new Measurement(scan.Whole, raw));
                sheet.Add("(c) drivers alone, no Redis (the stack's ceiling)", "pts/s", Goal, new Measurement(alone.Rate));
                splits.Add(split);
                raws.Add(raw);
                directs.Add(alone);
                progress.Note(ScanNotes.Run(run, s.Repeat, loop, scan.Whole, raw, alone.Rate, split));
            }
            return (sheet.Results(), ScanNotes.Summary(splits, raws, directs, channels, warnings));
        }
        catch (PrivateRedisException e)
        {
            throw new BenchException($"{e.Message.Replace(" or pass --redis URL", "", StringComparison.Ordinal)}: the scan stack runs on a private redis-server", e);
        }
        catch (ScanRefusedException e)
        {
            throw new BenchException($"the scan server refused the benchmark's scan: {e.Message}", e);
        }
        catch (Exception e) when (e is ScanStackTimeoutException or TwinStartException or Testbed.Drivers.Abstractions.DriverException or Testbed.Bec.BecException)
        {
            var text = Short(e.Message);
            var first = warnings.TryPeek(out var w) && Short(w) is var warning && !warning.Contains(text, StringComparison.Ordinal) ? $" (first warning of the services: {warning})" : "";
            var hint = e.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase) ? $"; {SlowerHint}" : "";
            throw new BenchException($"{text}{first}{hint}", e);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A message without StackExchange.Redis's diagnostic tail (buffer and thread-pool counters).</summary>
    private static string Short(string message)
    {
        var cut = message.IndexOf(" (outbound=", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Rate(double rate) => rate.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>The scan's positions: from 0, one axis step apart, as the scan server computes them.</summary>
    private static double[] Positions(int points) => Timing.Linspace(0, (points - 1) * ScanBeamline.Step, points);

    /// <summary>The stack on the twin's clock, given a minute of real time to come up.</summary>
    private static async Task<ScanStack> StartStackAsync(ScanServerOptions options, double rate, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartDeadline);
        try { return await ScanStack.StartAsync(options, deadline.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchException($"the scan stack did not come up within {StartDeadline.TotalSeconds:0} s at twin clock rate {Rate(rate)}; {SlowerHint}");
        }
    }

    /// <summary>Submits the line scan as a BEC client does and follows it to its end; the split of its points and the points/s of the
    /// whole request (submit → closed, master file written).</summary>
    private static async Task<(PointSplit Split, double Whole)> ScanAsync(ScanClient client, InstructionTimeline timeline, int points, double rate, CancellationToken ct)
    {
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var request = ScanRequest.Parse("line_scan", [ScanBeamline.Axis, "0", N((points - 1) * ScanBeamline.Step), points.ToString(CultureInfo.InvariantCulture), "0"]);
        timeline.Clear();
        var start = Time.GetTimestamp();
        // Generous (a point of this scan takes milliseconds): only a stack that stopped making progress reaches it.
        var deadline = TimeSpan.FromSeconds(60 + 0.1 * points);
        ScanResult result;
        try { result = await client.RunAsync(request, null, ct).WaitAsync(deadline, Time, ct); }
        catch (TimeoutException)
        {
            throw new BenchException($"{request.Text} did not end within {deadline.TotalSeconds:0} s at twin clock rate {Rate(rate)}; {SlowerHint}");
        }
        var whole = points / Time.GetElapsedTime(start).TotalSeconds;
        ct.ThrowIfCancellationRequested(); // interrupted: the client aborted the scan, which is not a failure of the stack
        if (!result.Succeeded || result.ScanId is null)
            throw new BenchException($"{request.Text} did not close: {result.Failure ?? result.Status?.ToString().ToLowerInvariant() ?? result.QueueStatus}");
        return (timeline.Split(result.ScanId, points, Time), whole);
    }
}
