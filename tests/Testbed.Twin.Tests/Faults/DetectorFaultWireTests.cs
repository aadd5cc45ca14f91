using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Tests.Detector;

namespace Testbed.Twin.Tests.Faults;

/// <summary>Detector faults as a SIMPLON client and an HDF5 reader see them: dropped frames (status counters, short files that say so)
/// and a slow disk (the series ends late in twin time, every frame on disk), on a stepped clock.</summary>
public class DetectorFaultWireTests
{
    private const string Detector = """
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:8081"}
          data_root: data/det1
          twin: {width: 16, height: 8, dtype: uint16, mode: linear_ramp}
        """;

    private const double CountTime = 0.01;

    [Test]
    public async Task Dropped_frames_leave_the_file_short_with_the_counters_and_the_file_saying_so()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: dropped_frames, target: det1, percent: 30}", Detector);
        using var http = new SimplonHttp(rig);
        await http.SeriesAsync(frames: 20);
        var trigger = http.PutAsync("detector/api/1.8.0/command/trigger");
        await StepUntilAsync(rig, trigger);
        Assert.That((await trigger).Status, Is.EqualTo(200));
        Assert.That((await http.StatusAsync("detector", "state")).GetString(), Is.EqualTo("idle"), "the series ends: nothing waits for the lost frames");
        var dropped = (await http.StatusAsync("filewriter", "dropped")).GetInt32();
        var written = (await http.StatusAsync("filewriter", "num_captured")).GetInt32();
        TestContext.Out.WriteLine($"{written} written, {dropped} dropped");
        Assert.That(written + dropped, Is.EqualTo(20), "every frame made is either written or counted as dropped");
        Assert.That(dropped, Is.InRange(1, 15), "about 30 % of 20 lost");
        var control = new Twin.Host.Control.TwinControl(rig.Served).Get("det1").State;
        Assert.That((control["frames_written"], control["frames_dropped"], control["frames_queued"]), Is.EqualTo((written, dropped, 0)), "the control API tells the same");
        var files = (await http.StatusAsync("filewriter", "files")).EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.That(files, Has.Count.EqualTo(1));

        var (h5, _) = H5Py.Read(rig.Detector.Detector.Writer.Files.Single().Path);
        var data = h5.GetProperty("datasets").GetProperty("/entry/instrument/detector/data");
        Assert.That(data.GetProperty("shape")[0].GetInt32(), Is.EqualTo(written), "the data set holds exactly the frames that arrived");
        var ids = h5.GetProperty("datasets").GetProperty("/entry/instrument/NDAttributes/NDArrayUniqueId").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()).ToList();
        Assert.That(ids, Has.Count.EqualTo(written).And.Ordered.Ascending.And.Unique);
        Assert.That(ids, Is.SubsetOf(Enumerable.Range(1, 20)), "the unique ids say which frames are missing");
        Assert.That(h5.GetProperty("groups").GetProperty("/").GetProperty(FixedCapacityFrameFile.IncompleteAttribute).GetString(),
            Does.Contain($"{dropped} frame(s) of this series were dropped"));
    }

    [Test]
    public async Task A_slow_disk_ends_the_series_late_by_about_frames_times_ms_of_twin_time_with_every_frame_written()
    {
        await using var rig = await ServedRig.StartAsync(extra: Detector);
        using var http = new SimplonHttp(rig);
        await http.SeriesAsync(frames: 10);
        var unhurried = await TimedSeriesAsync(rig, http);
        Assert.That(unhurried, Is.EqualTo(10 * CountTime).Within(0.03), "without the fault: 10 frames of 10 ms");

        rig.Faults.Inject(new Twin.Faults.FaultSpec("slow", Twin.Faults.FaultKind.SlowDisk, "det1", null, Twin.Faults.FaultStart.Now, null,
            new Dictionary<string, double> { ["ms"] = 100 }, new Dictionary<string, string>()));
        await http.SeriesAsync(frames: 10);
        var queued = await TimedSeriesAsync(rig, http, whileRunning: async () => (await http.StatusAsync("filewriter", "queued")).GetInt32());
        TestContext.Out.WriteLine($"series took {unhurried} s, {queued.Seconds} s of twin time on a slow disk; at most {queued.MaxQueued} frames queued");
        Assert.That(queued.Seconds, Is.GreaterThanOrEqualTo(CountTime + 10 * 0.1 - 1e-9), "the first frame's exposure, then 10 writes of 100 ms one after the other");
        Assert.That(queued.Seconds, Is.LessThan(CountTime + 10 * 0.1 + 0.1));
        Assert.That(queued.MaxQueued, Is.GreaterThan(1), "frames waited for the disk");
        Assert.That((await http.StatusAsync("filewriter", "dropped")).GetInt32(), Is.Zero);
        Assert.That((await http.StatusAsync("filewriter", "num_captured")).GetInt32(), Is.EqualTo(10));
        var (h5, _) = H5Py.Read(rig.Detector.Detector.Writer.Files[^1].Path);
        Assert.That(h5.GetProperty("datasets").GetProperty("/entry/instrument/NDAttributes/NDArrayUniqueId").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()),
            Is.EqualTo(Enumerable.Range(11, 10)), "nothing lost, in order");
        Assert.That(h5.GetProperty("groups").GetProperty("/").TryGetProperty(FixedCapacityFrameFile.IncompleteAttribute, out _), Is.False, "a complete file");
    }

    [Test]
    public async Task Abort_drops_the_frames_queued_for_a_slow_disk_and_leaves_no_file()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: slow_disk, target: det1, ms: 1000}", Detector);
        using var http = new SimplonHttp(rig);
        await http.SeriesAsync(frames: 10);
        var model = rig.Detector.Detector.Model;
        var trigger = http.PutAsync("detector/api/1.8.0/command/trigger");
        while (model.ArrayCounter < 10)
        {
            await Settle(rig, trigger);
            rig.Advance(0.005);
        }
        Assert.That((await http.StatusAsync("filewriter", "queued")).GetInt32(), Is.GreaterThanOrEqualTo(9), "every frame taken, the disk far behind");
        Assert.That((await http.StatusAsync("detector", "state")).GetString(), Is.EqualTo("acquire"), "the series is not over until its files are");
        Assert.That((await http.PutAsync("detector/api/1.8.0/command/abort")).Status, Is.EqualTo(200));
        Assert.That((await trigger.WaitAsync(Eventually.DefaultDeadline)).Status, Is.EqualTo(200));
        Assert.That((await http.StatusAsync("detector", "state")).GetString(), Is.EqualTo("idle"));
        Assert.That((await http.StatusAsync("filewriter", "queued")).GetInt32(), Is.Zero);
        Assert.That((await http.StatusAsync("filewriter", "files")).GetArrayLength(), Is.Zero);
        Assert.That(Directory.GetFiles(rig.Detector.Detector.Writer.Root.Path, "*", SearchOption.AllDirectories), Is.Empty, "nothing half-written left");
    }

    [Test]
    public async Task A_twin_stopped_while_frames_wait_for_a_slow_disk_writes_them_at_once_instead_of_waiting_for_its_clock()
    {
        var rig = await ServedRig.StartAsync("    - {type: slow_disk, target: det1, ms: 60000}", Detector);
        DetectorTwinEndpoint endpoint;
        await using (rig)
        {
            using var http = new SimplonHttp(rig);
            await http.SeriesAsync(frames: 5);
            endpoint = rig.Detector;
            var trigger = http.PutAsync("detector/api/1.8.0/command/trigger");
            while (endpoint.Detector.Model.ArrayCounter < 5)
            {
                await Settle(rig, trigger);
                rig.Advance(0.005);
            }
            Assert.That(endpoint.Detector.Writer.Files, Is.Empty, "five minutes of writes ahead on a paused clock");
            // Dispose runs here: it must not wait for the paused clock to reach the writes.
        }
        Assert.That(endpoint.Detector.Writer.Files.Single().Frames, Is.EqualTo(5), "closed with every frame taken");
    }

    private static async Task<double> TimedSeriesAsync(ServedRig rig, SimplonHttp http) => (await TimedSeriesAsync(rig, http, null)).Seconds;

    // Twin seconds from the trigger to the series' end (state idle, files closed); the clock steps 5 ms at a time.
    private static async Task<(double Seconds, int MaxQueued)> TimedSeriesAsync(ServedRig rig, SimplonHttp http, Func<Task<int>>? whileRunning)
    {
        var start = rig.Clock.Elapsed;
        var trigger = http.PutAsync("detector/api/1.8.0/command/trigger");
        var most = 0;
        var model = rig.Detector.Detector.Model;
        while (model.State != Twin.Detector.Model.DetectorState.Idle)
        {
            await Settle(rig, trigger);
            if (whileRunning is not null) most = Math.Max(most, await whileRunning());
            if (model.State == Twin.Detector.Model.DetectorState.Idle) break;
            rig.Advance(0.005);
        }
        var end = rig.Clock.Elapsed;
        Assert.That((await trigger.WaitAsync(Eventually.DefaultDeadline)).Status, Is.EqualTo(200));
        return ((end - start).TotalSeconds, most);
    }

    private static async Task StepUntilAsync(ServedRig rig, Task until)
    {
        while (!until.IsCompleted)
        {
            await Settle(rig, until);
            rig.Advance(0.005);
        }
    }

    // Lets the work a step released (frames, writes, the HTTP reply) run before the next step.
    private static async Task Settle(ServedRig rig, Task until)
    {
        await Eventually.UntilAsync(() => until.IsCompleted || rig.Clock.PendingDueTimes.Count > 0, "the detector waiting on the twin clock");
        await Task.Delay(1);
    }

    /// <summary>Raw SIMPLON requests to the served detector.</summary>
    private sealed class SimplonHttp(ServedRig rig) : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
        private readonly string _base = rig.Detector.Url;

        public async Task SeriesAsync(int frames)
        {
            if (await StatusAsync("detector", "state") is { ValueKind: JsonValueKind.String } s && s.GetString() == "na")
                await PutAsync("detector/api/1.8.0/command/initialize");
            foreach (var (module, key, value) in new (string, string, string)[]
                     {
                         ("detector", "count_time", "0.01"), ("detector", "frame_time", "0.01"), ("detector", "nimages", frames.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                         ("filewriter", "mode", "\"enabled\""), ("filewriter", "nimages_per_file", "0"), ("filewriter", "file_write_mode", "\"stream\""),
                     })
                Assert.That((await PutAsync($"{module}/api/1.8.0/config/{key}", $$"""{"value": {{value}}}""")).Status, Is.EqualTo(200), key);
            Assert.That((await PutAsync("detector/api/1.8.0/command/arm")).Status, Is.EqualTo(200), "arm");
        }

        public async Task<JsonElement> StatusAsync(string module, string key)
        {
            using var reply = await _http.GetAsync($"{_base}/{module}/api/1.8.0/status/{key}");
            Assert.That((int)reply.StatusCode, Is.EqualTo(200), $"{module}/status/{key}");
            return JsonDocument.Parse(await reply.Content.ReadAsStringAsync()).RootElement.GetProperty("value").Clone();
        }

        public async Task<(int Status, string Body)> PutAsync(string path, string? json = null)
        {
            using var content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var reply = await _http.PutAsync($"{_base}/{path}", content);
            return ((int)reply.StatusCode, await reply.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();
    }
}
