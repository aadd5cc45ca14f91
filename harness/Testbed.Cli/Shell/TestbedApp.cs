using System.CommandLine;
using System.CommandLine.Parsing;
using Testbed.Cli.Commands;

namespace Testbed.Cli.Shell;

/// <summary>The <c>testbed</c> command line: the command tree, parse errors in one line each, and the last-resort error handler.</summary>
internal static class TestbedApp
{
    /// <summary><c>--verbose</c>, on every command: full exception details instead of the one-line message.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print the full details (stack trace) of an unexpected error.",
        Recursive = true,
    };

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("testbed: a beamline digital twin (simulated Elmo drives, SCPI counters, a SIMPLON detector) and the tools around it.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(TwinCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ScansCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DashboardCommand.Create());
        root.Subcommands.Add(FuzzCommand.Create());
        root.Subcommands.Add(WriterCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        Terminal.Configure();
        var parse = CreateRoot().Parse(args);
        var where = CommandPath(parse.CommandResult);
        if (parse.Errors.Count > 0 && !AsksForHelp(parse))
        {
            var lines = ParseErrors.Describe(parse).ToList();
            for (var i = 0; i < lines.Count; i++)
                await Console.Error.WriteLineAsync($"{where}: {lines[i]}{(i == lines.Count - 1 ? $" (see '{where} --help')" : "")}");
            return ExitCodes.Usage;
        }
        try
        {
            // Our handler below replaces the library's, which prints a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            var verbose = parse.GetValue(Verbose);
            await Console.Error.WriteLineAsync($"{where}: {ErrorText.OneLine(e)}{(verbose ? "" : ErrorText.VerboseHint(e))}");
            if (verbose) await Console.Error.WriteLineAsync(e.ToString());
            return ErrorText.ExitCode(e);
        }
    }

    /// <summary>"testbed twin serve": the command the user ran, as errors name it.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent) names.Add(c.Command is RootCommand ? "testbed" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    private static bool AsksForHelp(ParseResult parse) =>
        parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?");
}
