using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Twin.Tests.Detector;

/// <summary>The detector never overwrites a file, and a series that stops early leaves valid files marked incomplete, never a temporary one.</summary>
public class NothingOverwrittenTests
{
    [Test]
    public async Task Arm_is_refused_when_the_first_file_exists_and_the_file_is_left_alone()
    {
        using var rig = new DetectorRig(16, 8);
        rig.Writer.Settings.NamePattern = "fixed";
        var number = rig.Writer.Settings.FileNumber;
        await rig.RunSeriesAsync(2);
        var first = rig.Writer.Files.Single();
        var before = File.ReadAllBytes(first.Path);

        // The same name again, as areaDetector would build it after its file number was set back.
        rig.Writer.Settings.FileNumber = number;
        rig.Model.Timing.SetNImages(3);
        var e = Assert.ThrowsAsync<DetectorCommandException>(() => rig.Model.ArmAsync())!;
        Assert.That(e.Message, Does.Contain($"'{first.Path}' already exists and the detector never overwrites a file")
            .And.Contain("arm with another file_number, name_pattern or file_path"));
        Assert.That(File.ReadAllBytes(first.Path), Is.EqualTo(before));
        Assert.That(rig.Model.State, Is.EqualTo(DetectorState.Idle), "nothing happened");
    }

    [Test]
    public async Task A_series_stopped_early_is_closed_into_a_valid_file_marked_incomplete()
    {
        using var rig = new DetectorRig(16, 8);
        await rig.RunSeriesAsync(2);
        Assert.That(H5Py.Read(rig.Writer.Files[0].Path).Summary.GetProperty("groups").GetProperty("/").TryGetProperty("incomplete", out _), Is.False,
            "a complete file carries no mark");

        rig.Writer.Settings.NamePattern = "second";
        rig.Model.Timing.SetNImages(1000);
        await rig.Model.ArmAsync();
        _ = rig.Model.TriggerAsync();
        await Eventually.ValueAsync(() => rig.Model.ArrayCounter, n => n >= 5, "five frames acquired");
        await rig.Model.DisarmAsync();

        var file = rig.Writer.Files.Last();
        var (h5, _) = H5Py.Read(file.Path);
        Assert.That(h5.Dataset("/entry/data/data").GetProperty("shape").Ints()[0], Is.EqualTo(file.Frames));
        Assert.That(h5.GetProperty("groups").GetProperty("/").GetProperty("incomplete").GetString(),
            Is.EqualTo($"incomplete: the series stopped after {file.Frames} of the 1000 frames this file was opened for"));
        Assert.That(Directory.EnumerateFiles(rig.Temp.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task A_twin_stopped_during_a_series_closes_its_file_and_says_so()
    {
        using var temp = new TempDirectory("det-stop");
        var log = new Lines();
        // Real time: the 1000 frames take 10 s, so the series is mid-way when the twin stops (at rate 1000 a quiet machine finished it first).
        using var clock = new SimulationClock(rate: 1);
        var endpoint = await StartAsync(temp, clock, log);
        var model = endpoint.Detector.Model;
        await model.InitializeAsync();
        model.Timing.SetCountTime(0.01);
        model.Timing.SetNImages(1000);
        await model.ArmAsync();
        _ = model.TriggerAsync();
        await Eventually.ValueAsync(() => model.ArrayCounter, n => n >= 3, "three frames acquired");

        await endpoint.DisposeAsync();

        var file = endpoint.Detector.Writer.Files.Single();
        Assert.That(H5Py.Read(file.Path).Summary.GetProperty("groups").GetProperty("/").GetProperty("incomplete").GetString(), Does.StartWith("incomplete"));
        Assert.That(Directory.EnumerateFiles(temp.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        Assert.That(log.All, Has.Some.Contains($"det1: the twin stopped during a series; closed {file.Path} with the {file.Frames} frame(s) acquired"));
    }

    [Test]
    public async Task Temporary_files_left_by_a_killed_process_are_reported_at_start_and_never_listed()
    {
        using var temp = new TempDirectory("det-stale");
        var stale = Path.Combine(temp.Path, "data", "det1", "scan0003", "det1_0001.h5.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllBytes(stale, new byte[4096]);
        var log = new Lines();
        using var clock = new SimulationClock(rate: 1000);
        await using var endpoint = await StartAsync(temp, clock, log);

        Assert.That(log.All, Has.Some.Contains($"det1: {stale} (4,096 bytes) is a temporary file of an acquisition that never finished").And.Some.Contains("it is not data"));
        using var http = new HttpClient();
        Assert.That(await http.GetStringAsync(endpoint.Address + "/filewriter/api/1.8.0/status/files"), Does.Not.Contain("tmp"));
    }

    private static async Task<DetectorTwinEndpoint> StartAsync(TempDirectory temp, SimulationClock clock, Lines log)
    {
        var config = BeamlineConfig.Parse("""
            - class: simplon_detector
              name: det1
              http: { url: "http://127.0.0.1:0" }
              data_root: data/det1
              twin: { width: 16, height: 8, mode: linear_ramp }
            """, Path.Combine(temp.Path, "b.yaml"));
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var endpoint = (DetectorTwinEndpoint)TwinRegistry.CreateAll(config, new TwinContext(clock, loggers, temp.Path)).Single();
        await endpoint.StartAsync(CancellationToken.None);
        return endpoint;
    }

    /// <summary>Every log line, as text.</summary>
    private sealed class Lines : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => [.. _lines];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));

        public void Dispose() { }
    }
}
