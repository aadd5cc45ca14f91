using Spectre.Console;
using Testbed.Cli.Shell;
using Testbed.Demo;
using Testbed.Demo.Stack;
using Testbed.Scans.Client;

namespace Testbed.Cli.Commands;

/// <summary>The main job on a console: notes, a live progress bar on a terminal, and where the data is at the end.</summary>
internal sealed class StackDemoConsoleView : IStackDemoView
{
    private readonly bool _interactive = Terminal.IsInteractive;

    public void Note(string text)
    {
        if (_interactive) AnsiConsole.MarkupLineInterpolated($"[grey]{text}[/]");
        else Console.WriteLine(text);
    }

    public void Warning(string text) => Console.Error.WriteLine($"testbed demo: warning: {text}");

    public Task<ScanResult> FollowAsync(string title, Func<IProgress<ScanProgressUpdate>, Task<ScanResult>> scan) =>
        new ScanProgressView(title).RunAsync(scan);

    /// <summary>Prints the result and returns the exit status.</summary>
    public int Finish(StackDemoResult result)
    {
        if (result.Scan is { } scan) foreach (var line in ScanSummary.Lines(scan)) Console.WriteLine(line);
        foreach (var file in result.DetectorFiles ?? []) Console.WriteLine($"detector file: {file}");
        foreach (var plot in result.Plots ?? []) Console.WriteLine($"plot: {plot}");
        switch (result.Outcome)
        {
            case DemoOutcome.Succeeded:
                Console.WriteLine(result.Message);
                return ExitCodes.Success;
            case DemoOutcome.Refused:
                Console.Error.WriteLine($"testbed demo: {result.Message}");
                return ExitCodes.Usage;
            case DemoOutcome.Interrupted:
                Console.Error.WriteLine($"testbed demo: {result.Message}");
                return ExitCodes.Interrupted;
            default:
                Console.Error.WriteLine($"testbed demo: FAILED: {result.Message}");
                return ExitCodes.Failure;
        }
    }
}
