using Testbed.Dashboard.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Cli;

/// <summary><c>testbed scans plot|frame</c> and <c>testbed dashboard</c> run as a user runs them (the built testbed.dll).</summary>
public class ScansPlotCommandTests
{
    private static (int Code, string Out, string Err) Testbed(params string[] args)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "testbed.dll");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        return ExternalTool.Run(dotnet, [dll, .. args], TimeSpan.FromSeconds(120));
    }

    /// <summary>The error line (the plain-Redis note at connect may come before it).</summary>
    private static string LastLine(string text) => text.Trim().Split('\n')[^1];

    [Test]
    public async Task Plot_and_frame_write_pngs_and_refuse_what_they_cannot_do_in_one_line()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 5);
        await scan.AddPointsAsync(5);
        await scan.FinishAsync();

        var plot = h.Dir.File("scan.png");
        var (code, stdout, stderr) = Testbed("scans", "plot", scan.Key, "--redis", h.RedisUrl, "--out", plot);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("c:ct vs axis:m, 5 points"));
        Assert.That(Png.Inspect(File.ReadAllBytes(plot)).Width, Is.EqualTo(900));

        var frame = h.Dir.File("frame.png");
        (code, stdout, stderr) = Testbed("scans", "frame", scan.Key, "--redis", h.RedisUrl, "--index", "3", "--out", frame, "--colours", "gray");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("det:image frame 3"));
        Assert.That(Png.Inspect(File.ReadAllBytes(frame)).Colours, Is.GreaterThan(20));

        (code, _, stderr) = Testbed("scans", "plot", scan.Key, "--redis", h.RedisUrl, "--out", plot);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(LastLine(stderr), Does.Contain("exists").And.Contain(plot));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");

        (code, _, stderr) = Testbed("scans", "frame", scan.Key, "--redis", h.RedisUrl, "--index", "9", "--out", h.Dir.File("f9.png"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(LastLine(stderr), Does.Contain("frames 0…4 are (saved)"));
    }

    [Test]
    public void The_dashboard_refuses_all_interfaces_without_a_token_before_connecting()
    {
        var (code, _, stderr) = Testbed("dashboard", "--listen", "0.0.0.0:0", "--redis", "127.0.0.1:1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.Contain("give --token").And.Not.Contain("\n"));
        (code, _, stderr) = Testbed("dashboard", "--listen", "nowhere");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("write address:port"));
    }
}
