using System.CommandLine;
using Testbed.Bench.Blissdata;
using Testbed.Bench.Detector;
using Testbed.Bench.Elmo;
using Testbed.Bench.Serial;
using Testbed.Bench.World;
using Testbed.Cli.Commands.Bench;
using Testbed.Bench.Dashboard;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed bench …</c>: benchmarks that report ratios against a raw reference measured in the same run, with medians over repeated runs and a verdict per target.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure against a raw reference in the same run: medians and ranges over repeated runs, a verdict per target (see docs/performance.md).");
        // One line per benchmark (each lives in its folder of Testbed.Bench).
        bench.Subcommands.Add(BenchCommands.Create(new ElmoBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new DetectorBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new SerialBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new BlissdataBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new WorldBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new DashboardBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new Testbed.Bench.Writer.WriterBenchmark()));
        bench.Subcommands.Add(BenchCommands.Create(new Testbed.Bench.Scan.ScanBenchmark()));
        return bench;
    }
}
