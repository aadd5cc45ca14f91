using System.CommandLine;
using Testbed.Cli.Commands;

var root = new RootCommand("testbed: a beamline digital twin (simulated Elmo drives, SCPI counters, a SIMPLON detector) and the tools around it.");
root.Subcommands.Add(TwinCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ScansCommand.Create());
root.Subcommands.Add(FuzzCommand.Create());
return await root.Parse(args).InvokeAsync();
