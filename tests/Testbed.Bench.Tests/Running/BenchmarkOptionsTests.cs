using Testbed.Bench.Blissdata;
using Testbed.Bench.Detector;
using Testbed.Bench.Elmo;
using Testbed.Bench.Running;
using Testbed.Bench.Serial;

namespace Testbed.Bench.Tests.Running;

/// <summary>What every benchmark's command line offers: repeated runs by default, options the command line can build.</summary>
public class BenchmarkOptionsTests
{
    [Test]
    public void Every_benchmark_repeats_at_least_five_times_by_default()
    {
        Assert.Multiple(() =>
        {
            AssertRepeats(new ElmoBenchmark());
            AssertRepeats(new SerialBenchmark());
            AssertRepeats(new DetectorBenchmark());
            AssertRepeats(new BlissdataBenchmark());
        });
    }

    [Test]
    public void Option_names_are_long_options_and_unique_per_benchmark()
    {
        Assert.Multiple(() =>
        {
            AssertNames(new ElmoBenchmark());
            AssertNames(new SerialBenchmark());
            AssertNames(new DetectorBenchmark());
            AssertNames(new BlissdataBenchmark());
        });
    }

    [Test]
    public void An_option_sets_only_its_own_setting()
    {
        var bench = new BlissdataBenchmark();
        var frames = bench.Options.OfType<BenchOption<BlissdataSettings>.Count>().Single(o => o.Name == "--frames");
        var settings = frames.Set(new BlissdataSettings(), 7);
        Assert.That(settings, Is.EqualTo(new BlissdataSettings { Frames = 7 }));
    }

    private static void AssertRepeats<T>(Benchmark<T> bench)
        where T : new()
    {
        var repeat = bench.Options.OfType<BenchOption<T>.Count>().SingleOrDefault(o => o.Name == "--repeat");
        Assert.That(repeat, Is.Not.Null, $"{bench.Name} has no --repeat");
        Assert.That(repeat!.Get(new T()), Is.GreaterThanOrEqualTo(5), $"{bench.Name} --repeat default");
        Assert.That(repeat.Minimum, Is.EqualTo(1), $"{bench.Name} --repeat minimum");
    }

    private static void AssertNames<T>(Benchmark<T> bench)
        where T : new()
    {
        var names = bench.Options.Select(o => o.Name).ToList();
        Assert.That(names, Is.Unique, bench.Name);
        Assert.That(names, Has.All.StartsWith("--"), bench.Name);
    }
}
