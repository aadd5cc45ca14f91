using System.Globalization;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Demo;
using Testbed.Scans.Stepping;
using Testbed.Twin.Clock;
using Testbed.Twin.World;

namespace Testbed.Bench.World;

/// <summary><c>testbed bench world</c>: (a) world evaluations per second, stepping as fast as possible, against the same formula written
/// out by hand; (b) the wall-time speed-up of a long simulated acquisition over the real wires (twin, drivers, a step scan) — its
/// counting time (what it takes on a beamline) over the wall time it takes here — and whether it gives the same values at two clock rates.</summary>
public sealed class WorldBenchmark : Benchmark<WorldBenchSettings>
{
    private static readonly Target EvaluationGoal = Target.AtLeast(1e6, "≥ 10⁶ evaluations/s");
    private static readonly Target SpeedUpGoal = Target.AtLeast(100, "≥ 100× real time");
    private static readonly Target IdenticalGoal = Target.AtLeast(1, "identical at both rates");

    public override string Name => "world";

    public override string Description =>
        "World evaluations/s vs the raw formula; speed-up of a 10-minute simulated acquisition over real wires (target ≥ 100×, identical output).";

    public override IReadOnlyList<BenchOption<WorldBenchSettings>> Options { get; } =
    [
        new BenchOption<WorldBenchSettings>.Count("--evaluations", "World evaluations timed per run.", 1000, s => s.Evaluations, (s, v) => s with { Evaluations = v }),
        new BenchOption<WorldBenchSettings>.Seconds("--acquisition", "Simulated length of the acquisition, s.", s => s.AcquisitionSeconds, (s, v) => s with { AcquisitionSeconds = v }),
        new BenchOption<WorldBenchSettings>.Seconds("--rate", "Twin clock rate of the acquisition (it also runs at half this rate).", s => s.Rate, (s, v) => s with { Rate = v }),
        new BenchOption<WorldBenchSettings>.Count("--repeat", "Runs; medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(WorldBenchSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)}: {s.Evaluations:N0} evaluations; a {s.AcquisitionSeconds} s acquisition at rate {s.Rate} and {s.Rate / 2}");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(WorldBenchSettings s, IBenchProgress progress, CancellationToken ct)
    {
        var sheet = new ResultSheet();
        var dir = Directory.CreateTempSubdirectory("testbed-bench-world-").FullName;
        try
        {
            var yaml = AcquisitionBeamline.Write(dir);
            for (var run = 0; run < s.Repeat; run++)
            {
                var (world, raw) = Evaluations(s.Evaluations, run);
                sheet.Add("(a) world signal, as fast as possible", "evaluations/s", EvaluationGoal, new Measurement(world, raw));
                var points = (int)Math.Max(2, Math.Round(s.AcquisitionSeconds / AcquisitionBeamline.CountTime));
                var fast = await AcquireAsync(yaml, points, s.Rate, ct);
                var half = await AcquireAsync(yaml, points, s.Rate / 2, ct);
                // Against the time the acquisition needs on a beamline — its counting time — not the twin's elapsed clock, which runs at
                // the rate by construction (and also counts every wire round trip, scaled).
                var speedUp = points * AcquisitionBeamline.CountTime / fast.Real.TotalSeconds;
                sheet.Add("(b) acquisition over real wires: speed-up", "× real time", SpeedUpGoal, new Measurement(speedUp));
                sheet.Add("(b) acquisition: values at both rates", "identical", IdenticalGoal, new Measurement(fast.Values.SequenceEqual(half.Values) ? 1 : 0));
                progress.Note(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}/{s.Repeat}: world {world:N0}/s (raw {raw:N0}/s); {points} points × {AcquisitionBeamline.CountTime} s counted in {fast.Real.TotalSeconds:F2} s ({speedUp:F0}×; twin clock {fast.Twin.TotalSeconds:F0} s), " +
                    $"{(fast.Values.SequenceEqual(half.Values) ? "identical" : "DIFFERENT")} at rate {s.Rate / 2}"));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return (sheet.Results(), []);
    }

    // The world of the demo beamline, evaluated at moving positions; the reference computes the same product inline.
    private static (double World, double Raw) Evaluations(int n, int run)
    {
        var axes = new MovingAxes();
        using var clock = new SimulationClock(paused: true);
        var world = new BeamlineWorld(AcquisitionBeamline.World, axes, clock);
        double sink = 0;
        var rates = new double[2];
        foreach (var which in Rotation.Order(2, run))
        {
            var start = Time.GetTimestamp();
            for (var i = 0; i < n; i++)
            {
                axes.X = i * 1e-6;
                sink += which == 0 ? world.Signal("diffracted", TimeSpan.Zero) : AcquisitionBeamline.Raw(axes.X, axes.Y, axes.R);
            }
            rates[which] = n / Time.GetElapsedTime(start).TotalSeconds;
        }
        GC.KeepAlive(sink);
        return (rates[0], rates[1]);
    }

    private static async Task<(TimeSpan Twin, TimeSpan Real, List<double> Values)> AcquireAsync(string yaml, int points, double rate, CancellationToken ct)
    {
        var view = new Points();
        var result = await DemoRun.RunAsync(new DemoOptions { Beamline = yaml, From = -0.5, To = 1.1, Points = points, Rate = rate, CountTime = AcquisitionBeamline.CountTime }, view, ct);
        if (result.Outcome != DemoOutcome.Succeeded) throw new BenchException($"the acquisition at rate {rate} failed: {result.Message}");
        var values = view.All.SelectMany(p => p.Positions.Select(x => x.Position).Concat(p.Readings.Where(r => r.Value is not null).Select(r => r.Value!.Value))).ToList();
        return (result.TwinTime!.Value, result.RealTime!.Value, values);
    }

    private sealed class MovingAxes : IAxisPositions
    {
        public double X { get; set; }

        public double Y { get; } = 1;

        public double R { get; } = 0.01;

        public IReadOnlyCollection<string> Axes { get; } = ["m", "n", "r"];

        public double Position(string axis) => axis switch { "m" => X, "n" => Y, _ => R };
    }

    private sealed class Points : IDemoView
    {
        public List<ScanPoint> All { get; } = [];

        public void Note(string text) { }

        public void Warning(string text) { }

        public void ScanStarting(string description, IReadOnlyList<string> columns) { }

        public void Point(ScanPoint point) => All.Add(point);

        public void Outage(RedisOutageNotice notice) { }
    }
}
