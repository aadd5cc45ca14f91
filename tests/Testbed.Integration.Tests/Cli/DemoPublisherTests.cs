using System.Text;
using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Scans.Publishing;
using Testbed.Scans.Stepping;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>The demo's publisher and announced detector files against a real detector twin: files in the way, naming changed behind the driver's back.</summary>
public class DemoPublisherTests
{
    [Test]
    public async Task A_scan_whose_files_exist_already_is_refused_before_arm()
    {
        using var temp = new TempDirectory("demo-exists");
        await using var twin = await DetectorTwinRig.StartAsync(temp);
        var camera = new DetectorChannel(twin.Driver, countTime: 0.01);
        var old = Path.Combine(twin.Driver.Options.DataDirectory, "scan0003", "det1_0001.h5");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.WriteAllText(old, "an earlier scan's frames");
        await camera.ConfigureAsync(points: 2, StepScanPublisher.ImagesDirectory(3), CancellationToken.None);
        var e = Assert.ThrowsAsync<DetectorFilesException>(() => DetectorFiles.DescribeAsync(camera, CancellationToken.None));
        Assert.That(e!.Message, Does.Contain(old).And.Contain("already exists"));
        Assert.That(File.ReadAllText(old), Is.EqualTo("an earlier scan's frames"));
    }

    [Test]
    public async Task Files_written_elsewhere_than_announced_close_the_scan_with_failure_and_are_never_announced()
    {
        var server = await RedisTestServer.RequireAsync();
        await using var db = await server.NewDatabaseAsync();
        using var temp = new TempDirectory("demo-pub");
        await using var twin = await DetectorTwinRig.StartAsync(temp);
        var (endpoint, det, options) = (twin.Endpoint, twin.Driver, twin.Driver.Options);
        await using var store = await StepScanPublisher.ConnectAsync(db.Url, new DataStoreOptions(), _ => { });

        var camera = new DetectorChannel(det, countTime: 0.01);
        await camera.ConfigureAsync(points: 3, StepScanPublisher.ImagesDirectory(1), CancellationToken.None);
        var files = await DetectorFiles.DescribeAsync(camera, CancellationToken.None);
        Assert.That(files.Lima.FilePathTemplate, Is.EqualTo(Path.Combine(options.DataDirectory, "scan0001", "det1_%04d.h5")));
        // Another client renames the series after the scan announced its files.
        using (var http = new HttpClient())
        {
            var put = await http.PutAsync($"{endpoint.Address}/filewriter/api/1.8.0/config/file_template",
                new StringContent("""{"value": "%s%s-moved-%04d.h5"}""", Encoding.UTF8, "application/json"));
            Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
        }
        await camera.ArmAsync(CancellationToken.None);
        var plan = new ScanPlan(1, "m", 0, 1, 3, 0.01, [new AxisSnapshot("m", "mm", 0, 0)], [], [files]);
        var publisher = await StepScanPublisher.StartAsync(store, plan, TimeProvider.System);
        for (var i = 0; i < 3; i++)
            await publisher.PointAsync(new ScanPoint(i, [new AxisReading("m", i / 2.0)], [await camera.ReadAsync(i, CancellationToken.None)]));
        var frames = await camera.FinishAsync(CancellationToken.None);

        var e = Assert.ThrowsAsync<DetectorFilesException>(() => publisher.FramesClosedAsync("det1", frames));
        Assert.That(e!.Message, Does.Contain("det1-moved-0001.h5").And.Contain("det1_0001.h5").And.Contain("changed behind the scan"));
        Assert.That(await publisher.EndAsync(EndReason.Failure, e.Message), Is.Null);

        var scan = await store.LoadScanAsync(publisher.Key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("FAILURE"));
        Assert.That((string?)scan.Info["comments"]![0]!["message"], Does.Contain("changed behind the scan"));
        Assert.That(await Lima.StatusAsync(scan.Streams["det1:image"]), Is.EqualTo((2L, -1L)), "frames taken, none announced as saved");
        Assert.That(File.Exists(Lima.Reference(scan.Streams["det1:image"], 0).File), Is.False, "the announced file does not exist");
    }
}
