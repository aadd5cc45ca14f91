using Testbed.Blissdata;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary><c>testbed demo --redis</c> when Redis goes away mid-scan: it says so once, waits, and either goes on losing nothing or fails saying where everything is.</summary>
public class DemoRedisOutageTests
{
    [Test]
    public async Task Redis_restarted_mid_scan_loses_and_duplicates_no_point()
    {
        using var redis = RedisProcess.TryStart(persistence: true) ?? throw new IgnoreException("redis-server is not installed (Debian package redis-server)");
        using var dir = new TempDirectory("demo-outage");
        var yaml = DemoBeamline.Write(dir);
        const int points = 40;
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", points.ToString(), "--from", "0", "--to", "39", "--rate", "1",
            "--redis", $"redis://{redis.Endpoint}/0", "--redis-timeout", "60");
        Assert.That(demo.WaitForOutput("frame 8", TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        redis.Kill();
        Assert.That(demo.WaitForOutput("stopped answering", TimeSpan.FromSeconds(30)), Is.True, "the first failed write is reported at once\n" + demo.Output);
        redis.Start();
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.That(Occurrences(demo.Output, "stopped answering"), Is.EqualTo(1), "said once, not per stream\n" + demo.Output);
        Assert.That(demo.Output, Does.Contain("answers again after"), demo.Output);

        await using var store = await DataStore.ConnectAsync($"redis://{redis.Endpoint}/0");
        var scan = await store.LoadScanAsync(demo.Output.Split('\n').Last(l => l.Trim().Length > 0).Trim());
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("SUCCESS"));
        Assert.That((await scan.Streams["axis:m"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(Enumerable.Range(0, points).Select(i => (double)i)).Within(1e-3),
            "every point exactly once, in order");
        Assert.That((await scan.Streams["kctrl:mondio"].GetSliceAsync(0)).ToDoubles(), Has.Length.EqualTo(points));
    }

    [Test]
    public void Redis_gone_for_good_fails_the_run_saying_what_was_published_and_where_the_rest_is()
    {
        using var redis = RedisProcess.TryStart(persistence: false) ?? throw new IgnoreException("redis-server is not installed (Debian package redis-server)");
        using var dir = new TempDirectory("demo-gone");
        var yaml = DemoBeamline.Write(dir);
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", "200", "--rate", "1",
            "--redis", $"redis://{redis.Endpoint}/0", "--redis-timeout", "2");
        Assert.That(demo.WaitForOutput("frame 3", TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        redis.Kill();
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.EqualTo(1), demo.Output);
        var failed = demo.Output.Split('\n').Single(l => l.StartsWith("testbed demo: FAILED:", StringComparison.Ordinal));
        Assert.That(failed, Does.Contain("stayed unreachable for more than 2 s").And.Match(@"(\d+) of (\d+) acquired point\(s\) were published"));
        Assert.That(failed, Does.Not.Contain("as soon as Redis answers"), "the process ends: it makes no promise it cannot keep");
        var tsv = System.Text.RegularExpressions.Regex.Match(failed, @"acquired point\(s\) in (\S+\.tsv)").Groups[1].Value;
        var acquired = int.Parse(System.Text.RegularExpressions.Regex.Match(failed, @"of (\d+) acquired").Groups[1].Value);
        Assert.That(File.ReadAllLines(tsv), Has.Length.EqualTo(acquired + 1), "a header and every acquired point");
        Assert.That(failed, Does.Contain(Path.Combine(dir.Path, "data", "det1", "scan0001")), "where the frames are");
        Assert.That(Occurrences(demo.Output, "stopped answering"), Is.EqualTo(1), demo.Output);
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
