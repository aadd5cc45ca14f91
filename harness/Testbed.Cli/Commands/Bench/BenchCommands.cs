using System.CommandLine;
using Spectre.Console;
using Testbed.Bench.Rendering;
using Testbed.Bench.Running;
using Testbed.Cli.Shell;

namespace Testbed.Cli.Commands.Bench;

/// <summary>Builds the subcommand of one benchmark from its declared options: parse (checked), run the library, render the report.</summary>
internal static class BenchCommands
{
    public static Command Create<TSettings>(Benchmark<TSettings> bench)
        where TSettings : new()
    {
        var defaults = new TSettings();
        var command = new Command(bench.Name, bench.Description);
        var binders = bench.Options.Select(o => Bind(command, o, defaults)).ToList();
        command.SetAction(async (parse, ct) =>
        {
            var settings = binders.Aggregate(defaults, (s, bind) => bind(parse, s));
            try
            {
                var report = await bench.RunAsync(settings, new ConsoleProgress(), ct);
                BenchReportView.Render(AnsiConsole.Console, report);
                // A benchmark is a measurement, not a test: a target not met is reported, not an error.
                return ExitCodes.Success;
            }
            catch (BenchException e)
            {
                await Console.Error.WriteLineAsync($"testbed bench {bench.Name}: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>Adds the command-line option for <paramref name="option"/>; returns how its value goes into the settings.</summary>
    private static Func<ParseResult, TSettings, TSettings> Bind<TSettings>(Command command, BenchOption<TSettings> option, TSettings defaults)
    {
        switch (option)
        {
            case BenchOption<TSettings>.Count c:
            {
                var o = CheckedOptions.Count(c.Name, c.Description, c.Get(defaults), c.Minimum);
                command.Options.Add(o);
                return (p, s) => c.Set(s, p.GetValue(o));
            }
            case BenchOption<TSettings>.Seconds t:
            {
                var o = CheckedOptions.Positive(t.Name, t.Description, t.Get(defaults));
                command.Options.Add(o);
                return (p, s) => t.Set(s, p.GetValue(o));
            }
            case BenchOption<TSettings>.Flag f:
            {
                var o = new Option<bool>(f.Name) { Description = f.Description };
                command.Options.Add(o);
                return (p, s) => p.GetValue(o) ? f.Set(s, true) : s;
            }
            case BenchOption<TSettings>.Folder d:
            {
                var o = new Option<string?>(d.Name) { Description = d.Description };
                command.Options.Add(o);
                return (p, s) => p.GetValue(o) is { } path ? d.Set(s, path) : s;
            }
            case BenchOption<TSettings>.Redis r:
            {
                var o = CheckedOptions.Redis(r.Description);
                command.Options.Add(o);
                return (p, s) => p.GetValue(o) is { } url ? r.Set(s, url) : s;
            }
            default:
                throw new ArgumentException($"benchmark option {option.Name} is of a kind the command line does not know ({option.GetType().Name})", nameof(option));
        }
    }

    /// <summary>Progress notes as they come, dimmed on a terminal.</summary>
    private sealed class ConsoleProgress : IBenchProgress
    {
        public void Note(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
    }
}
