using Testbed.TestSupport;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>filewriter/config/swmr_mode (twin extension): stream files an h5py SWMR reader follows while the series runs.</summary>
public class SwmrRestTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    [Test]
    public async Task Swmr_mode_stream_file_is_followed_by_an_h5py_reader_during_the_series_and_complete_after_disarm()
    {
        await using var rig = await SimplonRig.StartAsync(sim: new SimulationSettings { Mode = SimMode.LinearRamp });
        await rig.PutAsync(Det + "/command/initialize");
        var (status, json) = await rig.PutAsync(Fw + "/config/swmr_mode", """{"value": true}""");
        if (status == 400 && json.GetProperty("error").GetString() is { } e && e.Contains("libhdf5-103-1")) Assert.Ignore(e);
        Assert.That(status, Is.EqualTo(200));
        Assert.That((await rig.PutAsync(Fw + "/config/num_frames_flush", """{"value": 2}""")).Status, Is.EqualTo(200));
        Assert.That((await rig.GetAsync(Fw + "/config/swmr_mode")).Json.GetProperty("value").GetBoolean(), Is.True);

        await rig.PutAsync(Fw + "/config/file_write_mode", """{"value": "single"}""");
        var refused = await rig.PutAsync(Det + "/command/arm");
        Assert.That(refused.Status, Is.EqualTo(400));
        Assert.That(refused.Json.GetProperty("error").GetString(), Does.Contain("swmr_mode").And.Contain("stream"));
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Fw + "/config/file_write_mode", """{"value": "stream"}""");

        await rig.PutAsync(Det + "/config/nimages", """{"value": 100000}""");
        await rig.PutAsync(Det + "/config/count_time", """{"value": 1.0}""");
        await rig.PutAsync(Fw + "/config/nimages_per_file", """{"value": 0}""");
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(200));
        var trigger = rig.PutAsync(Det + "/command/trigger");
        var open = Path.Combine(rig.Temp!.Path, "series_1_000001.h5.tmp");
        await Eventually.UntilAsync(() => File.Exists(open) && rig.Twin.Model.ArrayCounter >= 2, "the SWMR file open with two frames acquired");

        int[] first, second;
        using (var reader = SwmrReader.Open(open))
        {
            first = await PollUntil(reader, n => n >= 2);
            second = await PollUntil(reader, n => n > first.Length);
            Assert.That((await rig.GetAsync(Fw + "/status/files")).Json.GetProperty("value").GetArrayLength(), Is.Zero, "the open file is not announced");
            await rig.PutAsync(Det + "/command/disarm");
            await trigger;
        }
        Assert.That(second[..first.Length], Is.EqualTo(first), "ids already seen stay");
        Assert.That(second, Is.EqualTo(Enumerable.Range(1, second.Length).ToArray()));

        var files = (await rig.GetAsync(Fw + "/status/files")).Json.GetProperty("value");
        Assert.That(files.GetArrayLength(), Is.EqualTo(1));
        Assert.That(files[0].GetString(), Is.EqualTo("series_1_000001.h5"));
        var (h5, pixels) = H5Py.Read(Path.Combine(rig.Temp.Path, "series_1_000001.h5"));
        var frames = h5.Dataset("/entry/instrument/detector/data").GetProperty("shape").Ints();
        Assert.Multiple(() =>
        {
            Assert.That(frames[0], Is.GreaterThanOrEqualTo(second.Length));
            Assert.That(frames[1..], Is.EqualTo(new[] { 16, 32 }));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayUniqueId").GetProperty("values").Ints(), Is.EqualTo(Enumerable.Range(1, frames[0]).ToArray()));
            Assert.That(pixels.AsSpan(0, 16 * 32 * 2).ToArray(), Is.EqualTo(rig.Twin.Model.Synthesizer.Make(0, 1, 1.0, rig.Clock.GetUtcNow()).Bytes.ToArray()), "frame 0 = the model's LinearRamp frame 0");
        });
        Assert.That(rig.Twin.Model.State, Is.Not.EqualTo(DetectorState.Error));
    }

    // The reader is an h5py process following the file: truly asynchronous, so it is polled up to a deadline.
    private static Task<int[]> PollUntil(SwmrReader reader, Func<int, bool> enough) =>
        Eventually.ValueAsync(() => reader.Poll().Ids, ids => enough(ids.Length), "the SWMR reader seeing the frames written so far");
}
