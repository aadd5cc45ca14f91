using Spectre.Console;

namespace Testbed.Cli.Shell;

/// <summary>Console settings: terminals get colour and live views; logs and pipes get plain, unwrapped lines.</summary>
internal static class Terminal
{
    /// <summary>Wide enough that no path or message is ever split across lines in a log.</summary>
    private const int PipeWidth = 4096;

    public static bool IsInteractive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public static void Configure()
    {
        if (!Console.IsOutputRedirected) return;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        AnsiConsole.Profile.Width = PipeWidth;
    }
}
