using System.CommandLine;
using Testbed.Cli.Commands.Scans;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed scans list|show|tail|plot|frame|publish-example</c>: read and publish blissdata scans on any blissdata Redis.</summary>
internal static class ScansCommand
{
    public static Command Create()
    {
        var scans = new Command("scans", "List, inspect, follow and publish blissdata (protocol 1) scans on a Redis, ours or BLISS's.");
        scans.Subcommands.Add(ScansList.Create());
        scans.Subcommands.Add(ScansShow.Create());
        scans.Subcommands.Add(ScansTail.Create());
        scans.Subcommands.Add(ScansPlot.Create());
        scans.Subcommands.Add(ScansFrame.Create());
        scans.Subcommands.Add(PublishExample.Create());
        return scans;
    }
}
