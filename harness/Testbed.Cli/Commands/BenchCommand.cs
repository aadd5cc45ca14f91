using System.CommandLine;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed bench …</c>: benchmarks that report ratios against a physical reference measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure throughput and latency against a raw reference in the same run (see docs/performance.md).");
        // One line per benchmark.
        bench.Subcommands.Add(Bench.ElmoBench.Create());
        bench.Subcommands.Add(Bench.DetectorBench.Create());
        bench.Subcommands.Add(Bench.SerialBench.Create());
        bench.Subcommands.Add(Bench.BlissdataBench.Create());
        return bench;
    }
}
