using System.Net.Sockets;
using System.Text.RegularExpressions;
using Testbed.Blissdata;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary><c>testbed demo</c>, the main job: the twin, a Redis, the scan services in one process, one line scan submitted through Redis.</summary>
public class MainJobTests
{
    private static string ShippedBeamline(TempDirectory dir)
    {
        var yaml = dir.File("demo.yaml");
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "scenarios", "beamlines", "demo.yaml"), yaml);
        return yaml;
    }

    [Test]
    public async Task On_a_given_Redis_the_scan_is_published_in_the_next_database_with_the_peak_in_the_diode_and_its_files_are_where_it_says()
    {
        using var redis = RedisProcess.TryStart() ?? throw new IgnoreException("redis-server is not installed (Debian package redis-server)");
        using var dir = new TempDirectory("main-job");
        using var demo = TestbedProcess.Start("demo", "--beamline", ShippedBeamline(dir), "--from", "-0.7", "--to", "1.3", "--points", "11", "--rate", "20",
            "--redis", $"redis://{redis.Endpoint}/0");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.That(demo.Output, Does.Contain("services: DeviceServer, SciHub, ScanBundler, FileWriterManager, ScanServer running on"),
            "every service the main job runs, its NeXus file writer included");
        Assert.That(demo.Output, Does.Match(@"scan \d+ \(line_scan tx -0.7 1.3 11 0.01\): closed"));
        var key = Regex.Match(demo.Output, @"blissdata: (esrf:scan:\S+)").Groups[1].Value;
        var master = Regex.Match(demo.Output, @"file: (\S+_master\.h5)").Groups[1].Value;
        var frames = Regex.Matches(demo.Output, @"detector file: (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.That(File.Exists(master), Is.True, $"the master file {master}\n{demo.Output}");
        Assert.That(frames, Is.Not.Empty.And.All.Matches<string>(File.Exists), demo.Output);

        await using var store = await DataStore.ConnectAsync($"redis://{redis.Endpoint}/1");
        var scan = await store.LoadScanAsync(key);
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("SUCCESS"));
        var tx = (await scan.Streams["axis:tx"].GetSliceAsync(0)).ToDoubles();
        Assert.That(tx, Is.EqualTo(Enumerable.Range(0, 11).Select(i => -0.7 + 0.2 * i)).Within(1e-3), "positions on the requested grid");
        var diode = (await scan.Streams.Values.Single(s => s.Name.EndsWith(":diode", StringComparison.Ordinal)).GetSliceAsync(0)).ToDoubles();
        Assert.That(tx[Array.IndexOf(diode, diode.Max())], Is.EqualTo(0.3).Within(1e-3), "the sample's peak (demo.yaml: centre 0.3) in the diode");
        Assert.That(diode.Max() / diode.Min(), Is.GreaterThan(3), "well above the background");
    }

    [Test]
    public void Without_redis_it_runs_a_private_redis_server_that_stops_with_it_and_a_second_run_numbers_on()
    {
        using var dir = new TempDirectory("main-job-private");
        var yaml = ShippedBeamline(dir);
        using (var first = TestbedProcess.Start("demo", "--beamline", yaml, "--points", "2", "--rate", "20"))
        {
            Assert.That(first.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, first.Output);
            Assert.That(first.ExitCode, Is.Zero, first.Output);
        }
        // A fresh private Redis starts BEC's numbering again: the scan number goes on past the folders of the first run.
        using var demo = TestbedProcess.Start("demo", "--beamline", yaml, "--points", "3", "--rate", "20");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.That(demo.Output, Does.Contain("scan 2 (line_scan"), "the second run's scan is number 2; nothing of the first is written over");
        Assert.That(Regex.Matches(demo.Output, @"plot: (\S+\.png)").Select(m => m.Groups[1].Value).ToList(), Has.Count.EqualTo(2).And.All.Matches<string>(File.Exists),
            "counters vs motor and a frame, as PNGs");
        var port = int.Parse(Regex.Match(demo.Output, @"private redis-server on redis://127\.0\.0\.1:(\d+)/0").Groups[1].Value);
        Assert.That(demo.Output, Does.Match(@"blissdata: esrf:scan:\S+"));
        using var probe = new TcpClient();
        Assert.Throws<SocketException>(() => probe.Connect("127.0.0.1", port), "the private Redis is gone with the run");
    }

    [Test]
    public void A_scan_outside_the_soft_limits_is_refused_by_the_scan_server_before_anything_moves()
    {
        using var dir = new TempDirectory("main-job-limits");
        using var demo = TestbedProcess.Start("demo", "--beamline", ShippedBeamline(dir), "--motor", "rot", "--to", "500", "--rate", "20");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.EqualTo(2), demo.Output);
        var error = demo.Output.Split('\n').Single(l => l.StartsWith("testbed demo:", StringComparison.Ordinal) && !l.StartsWith("testbed demo: warning:", StringComparison.Ordinal));
        Assert.That(error, Does.Contain("rot would go to 500 deg, outside the soft limits of rot").And.Contain("nothing moved"));
        Assert.That(demo.Output, Does.Not.Contain("   at "));
    }
}
