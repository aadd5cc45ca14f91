using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>Output read from a log or a pipe: whole lines (no wrapping at 80 columns) and one plain line per library note.</summary>
public class OutputForLogsTests
{
    [Test]
    public void Long_paths_stay_on_one_line_when_stdout_is_not_a_terminal()
    {
        using var dir = new TempDirectory("a-folder-name-long-enough-that-any-eighty-column-wrap-would-split-the-path-somewhere");
        var yaml = DemoBeamline.Write(dir);
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", "2", "--rate", "10");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        var line = demo.Output.Split('\n').Single(l => l.StartsWith("twin det1:", StringComparison.Ordinal));
        Assert.That(line, Does.Contain($"files under {Path.Combine(dir.Path, "data", "det1")} at http://127.0.0.1:"), demo.Output);
        Assert.That(demo.Output, Does.Not.Contain("\u001b["), "no colour codes in a log");
    }

    [Test]
    public async Task A_library_note_is_one_plain_line_on_stderr_once()
    {
        var redis = await RedisTestServer.RequireAsync();
        if (redis.HasJson && redis.HasSearch) Assert.Ignore("the note is for plain Redis; this Redis has RedisJSON and RediSearch");
        await using var db = await redis.NewDatabaseAsync();
        await using (await Blissdata.DataStore.InitAsync(db.Url)) { }
        using var list = TestbedProcess.Start("scans", "list", "--redis", db.Url);
        Assert.That(list.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, list.Output);
        Assert.That(list.ExitCode, Is.Zero, list.Output);
        var notes = list.Output.Split('\n').Where(l => l.Contains("RedisJSON", StringComparison.Ordinal)).ToList();
        Assert.That(notes, Has.Count.EqualTo(1), list.Output);
        Assert.That(notes[0], Does.StartWith($"testbed: warning: {db.Url}: no RedisJSON/RediSearch"));
        Assert.That(list.Output, Does.Not.Contain("warn: blissdata[0]"));
    }
}
