using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Tests.Fixture;

namespace Testbed.Blissdata.Tests.Lifecycle;

/// <summary>A scan whose publisher is gone is closed from another connection: streams sealed, end_reason and a comment, CLOSED.</summary>
public class AbandonedScanTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task An_abandoned_scan_is_sealed_and_closed_from_another_connection()
    {
        await using var publisher = await NewStoreAsync();
        var scan = await publisher.CreateScanAsync(Identity());
        scan.Info["title"] = "ascan roby 0 1 10 0.1";
        var written = scan.CreateStream(StreamDefinition.Scalar("axis:roby", DType.Float64));
        scan.CreateStream(StreamDefinition.Scalar("never", DType.Float64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        await written.SendAsync(0.5);
        await written.FlushAsync();

        var other = await OtherClientAsync();
        Assert.That(await other.CloseAbandonedScanAsync(scan.Key, EndReason.Failure, "publisher restarted"), Is.True);
        var reader = await other.LoadScanAsync(scan.Key);
        Assert.That(reader.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)reader.Info["end_reason"], Is.EqualTo("FAILURE"));
        Assert.That((string?)reader.Info["comments"]![0]!["message"], Is.EqualTo("publisher restarted"));
        Assert.That((string?)reader.Info["title"], Is.EqualTo("ascan roby 0 1 10 0.1"), "the rest of scan_info is kept");
        Assert.That(await reader.Streams["axis:roby"].IsSealedAsync(), Is.True);
        Assert.That(await reader.Streams["axis:roby"].LengthAsync(), Is.EqualTo(1), "the published point is kept");
        Assert.That(await reader.Streams["never"].IsSealedAsync(), Is.True, "an unwritten stream is sealed empty");
        Assert.That(await other.CloseAbandonedScanAsync(scan.Key, EndReason.Failure, "again"), Is.False, "a closed scan is left alone");
    }
}
