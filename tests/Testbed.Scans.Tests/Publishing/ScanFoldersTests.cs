using Testbed.Scans.Publishing;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Publishing;

/// <summary>Every run gets a folder of its own under each detector's data root, even when many start at once.</summary>
public class ScanFoldersTests
{
    [Test]
    public async Task Numbers_move_on_past_every_existing_folder()
    {
        using var a = new TempDirectory("folders-a");
        using var b = new TempDirectory("folders-b");
        Directory.CreateDirectory(Path.Combine(a.Path, "scan0004"));
        Assert.That(await ScanFolders.ReserveAsync([a.Path, b.Path], 1, TimeProvider.System, CancellationToken.None), Is.EqualTo(5));
        Assert.That(await ScanFolders.ReserveAsync([a.Path, b.Path], 9, TimeProvider.System, CancellationToken.None), Is.EqualTo(9), "a higher start (the next blissdata number) wins");
        Assert.That(Directory.Exists(Path.Combine(b.Path, "scan0005")) && Directory.Exists(Path.Combine(b.Path, "scan0009")), Is.True);
    }

    [Test]
    public async Task Runs_reserving_at_the_same_time_never_share_a_folder()
    {
        using var root = new TempDirectory("folders-race");
        var numbers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            ScanFolders.ReserveAsync([root.Path], 1, TimeProvider.System, CancellationToken.None))));
        Assert.That(numbers.Distinct().Count(), Is.EqualTo(16), string.Join(", ", numbers));
    }
}
