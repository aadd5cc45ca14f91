using System.CommandLine;
using Testbed.Beamline;

namespace Testbed.Cli.Shell;

/// <summary>Turns the parser's errors into one line each, in the user's terms.</summary>
internal static class ParseErrors
{
    public static IEnumerable<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unknown = parse.UnmatchedTokens.ToList();
        var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (unknown.Count > 0 && commands.Count > 0 && !unknown[0].StartsWith('-'))
        {
            // One message for a mistyped command; the parser would add a misleading "Required command was not provided".
            var hint = Spelling.Nearest(unknown[0], commands);
            var suggestion = hint is null ? "" : $"did you mean '{hint}'? ";
            yield return $"unknown command '{unknown[0]}'; {suggestion}the commands are: {string.Join(", ", commands)}";
            yield break;
        }
        if (unknown.Count == 0 && commands.Count > 0 && command.Action is null)
        {
            yield return $"say which command to run: {string.Join(", ", commands)}";
            yield break;
        }
        foreach (var token in unknown)
            yield return token.StartsWith('-')
                ? $"unknown option '{token}'; the options are: {string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name))}"
                : $"unexpected argument '{token}'";
        foreach (var error in parse.Errors)
        {
            if (error.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)) continue;
            if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)) continue;
            yield return error.Message;
        }
    }
}
