using System.CommandLine;
using Testbed.Fuzzing;
using Testbed.Fuzzing.Engine;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed fuzz &lt;target|all&gt;</c>: mutation and random fuzzing of every parser that reads bytes from outside.</summary>
internal static class FuzzCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "A target name (see --list) or 'all'.", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<long>("--count") { Description = "Inputs per target.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed: input i of a seed is always the same bytes.", DefaultValueFactory = _ => 1 };
        var maxSeconds = new Option<double?>("--max-seconds") { Description = "Stop each target after this long (reported as stopped)." };
        var deadline = new Option<double>("--deadline-ms") { Description = "An input running longer than this is a hang.", DefaultValueFactory = _ => 5000 };
        var replay = new Option<string?>("--replay") { Description = "Run one input, given as base64 (from a crash report), and show the full exception." };
        var index = new Option<long?>("--index") { Description = "Run only input N of the seed (from a crash report), and show the full exception." };
        var list = new Option<bool>("--list") { Description = "List the targets." };
        var command = new Command("fuzz", "Fuzz the parsers of every outside input (targets: --list); 0 crashes, 0 hangs and bounded memory are the target.")
            { target, count, seed, maxSeconds, deadline, replay, index, list };
        command.SetAction(parse => Run(parse.GetValue(target), parse.GetValue(list), parse.GetValue(replay), parse.GetValue(index), new FuzzOptions
        {
            Count = parse.GetValue(count),
            Seed = parse.GetValue(seed),
            MaxDuration = parse.GetValue(maxSeconds) is { } s ? TimeSpan.FromSeconds(s) : null,
            InputDeadline = TimeSpan.FromMilliseconds(parse.GetValue(deadline)),
        }));
        return command;
    }

    private static int Run(string? name, bool list, string? replay, long? index, FuzzOptions options)
    {
        if (list || name is null)
        {
            foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name,-20} {t.Description}");
            return name is null && !list ? 2 : 0;
        }
        if (FuzzTargets.Select(name) is not { } targets)
        {
            Console.Error.WriteLine($"testbed fuzz: no target '{name}'; use one of: all, {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
            return 2;
        }
        if (options.Count < 1 || options.InputDeadline <= TimeSpan.Zero || options.MaxDuration <= TimeSpan.Zero)
        {
            Console.Error.WriteLine("testbed fuzz: --count, --deadline-ms and --max-seconds must be positive");
            return 2;
        }
        var runner = new FuzzRunner();
        if (replay is null && index is null) return Fuzz(runner, targets, options);
        if (targets.Count != 1 || index < 0)
        {
            Console.Error.WriteLine("testbed fuzz: --replay and --index take one target (not 'all'), and --index a number ≥ 0");
            return 2;
        }
        byte[] input;
        if (index is { } i) input = FuzzRunner.Input(targets[0], options.Seed, i);
        else
        {
            try { input = Convert.FromBase64String(replay!); }
            catch (FormatException)
            {
                Console.Error.WriteLine("testbed fuzz: --replay takes the base64 text printed after 'replay:' in a report");
                return 2;
            }
        }
        return Replay(runner, targets[0], input, options);
    }

    private static int Fuzz(FuzzRunner runner, IReadOnlyList<FuzzTargetInfo> targets, FuzzOptions options)
    {
        Console.WriteLine($"testbed fuzz: seed {options.Seed}, {options.Count} inputs per target, hang after {options.InputDeadline.TotalMilliseconds:0} ms, " +
                          $"memory bounds {FuzzRunner.Mib(options.RetainedMemoryBound)} retained / {FuzzRunner.Mib(options.AllocationPerInputBound)} per input");
        Console.WriteLine($"{"target",-20} {"inputs",9} {"inputs/s",9} {"crashes",8} {"hangs",6} {"retained",10} {"peak heap",10} {"max alloc",10} {"slowest",9}  verdict");
        var results = new List<FuzzResult>();
        foreach (var info in targets)
        {
            var r = runner.Run(info, options);
            results.Add(r);
            var verdict = r.Passed ? (r.Stopped ? "ok (stopped at the time limit)" : "ok") : r.Hung ? "HANG" : r.Crashes > 0 ? $"CRASH ({r.DistinctCrashes} distinct)" : "MEMORY";
            Console.WriteLine($"{r.Target,-20} {r.Inputs,9} {r.InputsPerSecond,9:0} {r.Crashes,8} {(r.Hung ? 1 : 0),6} {FuzzRunner.Mib(r.RetainedGrowthBytes),10} " +
                              $"{FuzzRunner.Mib(r.PeakGrowthBytes),10} {FuzzRunner.Mib(r.MaxAllocatedPerInput),10} {r.SlowestInput.TotalMilliseconds,7:0} ms  {verdict}");
        }
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            Console.WriteLine();
            Console.WriteLine(finding.Report());
        }
        return results.All(r => r.Passed) ? 0 : 1;
    }

    private static int Replay(FuzzRunner runner, FuzzTargetInfo target, byte[] input, FuzzOptions options)
    {
        var result = runner.Replay(target, input, options);
        if (result.Findings.Count == 0)
        {
            Console.WriteLine($"{target.Name}: the input ({input.Length} bytes) ran in {result.SlowestInput.TotalMilliseconds:0.###} ms without a finding");
            return 0;
        }
        foreach (var finding in result.Findings)
        {
            Console.WriteLine(finding.Report());
            if (finding.Detail is { } detail) Console.WriteLine(detail);
        }
        return 1;
    }
}
