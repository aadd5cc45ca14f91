using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Tests.Engine;

/// <summary>The engine finds what it is for — a crash, a hang, unbounded memory — and reports the input so it replays.</summary>
public class FuzzRunnerTests
{
    [Test]
    public void A_crash_is_counted_and_reported_with_seed_index_and_input_that_replay()
    {
        var info = ToyTargets.Info("toy-crash", () => new ToyTargets.ThrowsOnFf());
        var result = new FuzzRunner().Run(info, new FuzzOptions { Count = 2000, Seed = 7 });

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Crashes, Is.GreaterThan(0).And.LessThan(2000));
        Assert.That(result.Inputs, Is.EqualTo(2000), "a crash does not end the run");
        var crash = result.Findings.First(f => f.Kind == FindingKind.Crash);
        Assert.That(crash.Problem, Does.StartWith("System.IndexOutOfRangeException: 0xFF is not a table index"));
        Assert.That(crash.Where, Does.Contain(nameof(ToyTargets.ThrowsOnFf)));
        Assert.That(crash.Input, Does.Contain((byte)0xFF));
        Assert.That(FuzzRunner.Input(info, 7, crash.Index), Is.EqualTo(crash.Input), "seed and index regenerate the input");
        Assert.That(crash.Report(), Does.Contain($"crash in toy-crash, seed 7, input #{crash.Index}")
            .And.Contain($"--seed 7 --index {crash.Index}").And.Contain("\\xff"));

        var replay = new FuzzRunner().Replay(info, crash.Input!, new FuzzOptions());
        Assert.That(replay.Crashes, Is.EqualTo(1));
        Assert.That(replay.Findings[0].Detail, Does.Contain("at Testbed.Fuzzing.Tests.Engine.ToyTargets.ThrowsOnFf.Run"));
    }

    [Test]
    public void An_input_past_its_deadline_is_a_hang_and_ends_the_run()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var info = ToyTargets.Info("toy-hang", () => new ToyTargets.HangsOnLongInput(release));
            var result = new FuzzRunner().Run(info, new FuzzOptions { Count = 100_000, InputDeadline = TimeSpan.FromMilliseconds(200) });

            Assert.That(result.Hung, Is.True);
            Assert.That(result.Passed, Is.False);
            Assert.That(result.Inputs, Is.LessThan(100_000));
            var hang = result.Findings.Single(f => f.Kind == FindingKind.Hang);
            Assert.That(hang.Input, Has.Length.GreaterThan(300));
            Assert.That(hang.Index, Is.EqualTo(result.Inputs), "the hung input is the one after the last completed");
            Assert.That(hang.Problem, Is.EqualTo("no return within 0.2 s"));
        }
        finally
        {
            release.Set(); // lets the abandoned worker finish
        }
    }

    [Test]
    public void Heap_kept_across_inputs_beyond_the_bound_is_unbounded_memory()
    {
        var info = ToyTargets.Info("toy-leak", () => new ToyTargets.Leaks());
        var result = new FuzzRunner().Run(info, new FuzzOptions { Count = 10_000, RetainedMemoryBound = 8L << 20 });

        Assert.That(result.MemoryExceeded, Is.True);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.RetainedGrowthBytes, Is.GreaterThan(8L << 20));
        Assert.That(result.Findings.Single(f => f.Kind == FindingKind.Memory).Problem, Does.Contain("the managed heap holds"));
    }

    [Test]
    public void One_input_allocating_beyond_the_bound_is_unbounded_memory_with_that_input()
    {
        var info = ToyTargets.Info("toy-balloon", () => new ToyTargets.Balloons());
        var result = new FuzzRunner().Run(info, new FuzzOptions { Count = 3000, AllocationPerInputBound = 16L << 20 });

        Assert.That(result.MemoryExceeded, Is.True);
        var memory = result.Findings.Single(f => f.Kind == FindingKind.Memory);
        Assert.That(memory.Input, Is.Empty);
        Assert.That(memory.Problem, Does.StartWith("one input allocated 64.0 MiB"));
        Assert.That(result.MaxAllocatedPerInput, Is.GreaterThanOrEqualTo(64L << 20));
    }

    [Test]
    public void A_parser_that_never_fails_passes_and_its_inputs_are_deterministic_and_bounded()
    {
        var info = ToyTargets.Info("toy-clean", () => new ToyTargets.Clean());
        var result = new FuzzRunner().Run(info, new FuzzOptions { Count = 5000, Seed = 3 });

        Assert.That(result.Passed, Is.True, string.Join("\n", result.Findings.Select(f => f.Report())));
        Assert.That(result.Inputs, Is.EqualTo(5000));
        Assert.That(result.InputsPerSecond, Is.GreaterThan(0));
        var inputs = Enumerable.Range(0, 500).Select(i => FuzzRunner.Input(info, 3, i)).ToList();
        Assert.That(inputs.Select(i => i.Length), Has.All.LessThanOrEqualTo(512));
        Assert.That(Enumerable.Range(0, 500).Select(i => FuzzRunner.Input(info, 3, i)), Is.EqualTo(inputs), "same seed, same inputs");
        Assert.That(FuzzRunner.Input(info, 4, 10), Is.Not.EqualTo(inputs[10]).Or.Empty, "another seed, other inputs");
        Assert.That(inputs.Distinct(new BytesComparer()).Count(), Is.GreaterThan(300), "mutations and random inputs vary");
        Assert.That(inputs.Count(i => i.AsSpan().SequenceEqual("PX=12;SP=100\r"u8)), Is.GreaterThan(0), "valid corpus entries are run as they are too");
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0], obj[^1]);
    }
}
