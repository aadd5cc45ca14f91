using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>What a user sees when a command is refused or fails: one line naming the command, what is wrong and what to do; never a stack trace.</summary>
public class CliErrorTests
{
    private static readonly string Beamline = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "scenarios", "beamlines", "demo.yaml");

    [TestCase(new[] { "demo", "--rate", "0" }, "testbed demo: --rate 0: must be a positive number")]
    [TestCase(new[] { "demo", "--rate", "-1" }, "testbed demo: --rate -1: must be a positive number")]
    [TestCase(new[] { "demo", "--points", "0" }, "testbed demo: --points 0: must be at least 1")]
    [TestCase(new[] { "demo", "--points", "-3" }, "testbed demo: --points -3: must be at least 1")]
    [TestCase(new[] { "demo", "--to", "1e400" }, "testbed demo: --to '1e400' is too large to be a number")]
    [TestCase(new[] { "demo", "--from", "abc" }, "testbed demo: --from 'abc' is not a number")]
    [TestCase(new[] { "demo", "--redis", "http://localhost:6379" }, "testbed demo: --redis: 'http://localhost:6379' is not a Redis address: the scheme is 'http://'")]
    [TestCase(new[] { "demo", "--redis", "redis:/host" }, "testbed demo: --redis: 'redis:/host' is not a Redis address: two slashes must follow 'redis:'")]
    [TestCase(new[] { "scans", "list", "--redis", "http://localhost" }, "testbed scans list: --redis: 'http://localhost' is not a Redis address")]
    [TestCase(new[] { "foo" }, "testbed: unknown command 'foo'; the commands are: twin, bench, demo, scans")]
    [TestCase(new[] { "twin", "srve" }, "testbed twin: unknown command 'srve'; did you mean 'serve'?")]
    [TestCase(new[] { "demo", "--bogus" }, "testbed demo: unknown option '--bogus'")]
    [TestCase(new[] { "twin", "serve", "scenarios", "--rate", "0" }, "testbed twin serve: --rate 0: must be a positive number")]
    [TestCase(new[] { "twin", "serve", "--ports", "offset:x", "x.yaml" }, "testbed twin serve: --ports: 'offset:x' is not a port choice")]
    public void Refused_options_get_one_line_and_exit_status_2(string[] args, string expected)
    {
        var (status, output) = Run(args);
        Assert.That(status, Is.EqualTo(2), output);
        AssertOneClearLine(output, expected);
        Assert.That(output, Does.Not.Contain("Required command was not provided"), output);
    }

    [Test]
    public void A_folder_given_as_the_beamline_file_is_named_as_a_folder()
    {
        using var dir = new TempDirectory("cli-folder");
        File.WriteAllText(dir.File("mine.yaml"), "- class: elmo\n");
        foreach (var args in new[] { new[] { "demo", "--beamline", dir.Path }, new[] { "twin", "serve", dir.Path } })
        {
            var (status, output) = Run(args);
            Assert.That(status, Is.EqualTo(2), output);
            AssertOneClearLine(output, $"{dir.Path}: this is a folder, not a beamline file; give a .yaml file such as {dir.File("mine.yaml")}");
            Assert.That(output, Does.Not.Contain("denied"));
        }
    }

    [Test]
    public async Task A_database_the_server_does_not_have_is_named_with_the_range_it_has()
    {
        var redis = await RedisTestServer.RequireAsync();
        var url = $"redis://{redis.Endpoint}/{redis.DatabaseCount + 83}";
        foreach (var command in new[] { new[] { "scans", "list" }, new[] { "demo", "--beamline", Beamline } })
        {
            var (status, output) = Run([.. command, "--redis", url]);
            Assert.That(status, Is.EqualTo(1), output);
            AssertOneClearLine(output, $"has {redis.DatabaseCount} databases (0–{redis.DatabaseCount - 1}), so there is no database {redis.DatabaseCount + 83}");
        }
    }

    [Test]
    public void A_scan_outside_the_soft_limits_is_refused_before_anything_moves()
    {
        var started = TimeProvider.System.GetTimestamp();
        var (status, output) = Run(["demo", "--direct", "--beamline", Beamline, "--motor", "rot", "--to", "500"]);
        Assert.That(status, Is.EqualTo(2), output);
        AssertOneClearLine(output, "testbed demo: ascan rot -1 500 10 0.01: rot would go to 500 deg, outside the soft limits of rot (-170 … 170 deg); nothing moved");
        Assert.That(output, Does.Not.Contain("step scan of"), "refused before the scan started");
        // A 14 s move would have come first if the limits were checked point by point (generous bound: start-up of the twin included).
        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(12)), output);
    }

    private static (int Status, string Output) Run(string[] args)
    {
        using var p = TestbedProcess.Start(args);
        Assert.That(p.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, p.Output);
        return (p.ExitCode, p.Output);
    }

    /// <summary>Exactly one error line (the one expected), and no .NET stack frame or exception type anywhere.</summary>
    private static void AssertOneClearLine(string output, string expected)
    {
        var errors = output.Split('\n').Where(l => l.StartsWith("testbed", StringComparison.Ordinal) && !l.Contains(": warning:", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), output);
        Assert.That(errors[0], Does.Contain(expected), output);
        Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain("(Parameter '"), output);
    }
}
