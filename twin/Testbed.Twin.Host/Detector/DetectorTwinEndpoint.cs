using Microsoft.Extensions.Logging;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Host.Detector;

/// <summary>The served detector: its SIMPLON HTTP server over the twin; a series still open when it stops is closed, not left as a temporary file.</summary>
/// <remarks>Starting creates the data root if missing, reports temporary files a killed process left there, then listens.</remarks>
public sealed class DetectorTwinEndpoint(string name, DetectorTwin detector, string url, string dataRoot, ILogger logger, Testbed.Twin.Faults.LinkFaults link)
    : ITwinEndpoint
{
    private readonly SimplonHttpServer _server = new(detector.Api, url, link, detector.Clock);

    /// <summary>The link faults of its HTTP transport (disconnect).</summary>
    public Testbed.Twin.Faults.LinkFaults Link => link;

    public string Name => name;

    public DetectorTwin Detector => detector;

    /// <summary>The SIMPLON requests served (control API metrics).</summary>
    public Testbed.Twin.Metrics.EndpointMetrics Metrics => _server.Metrics;

    public Testbed.Twin.Metrics.WireTranscript Transcript => _server.Transcript;

    public string Address => _server.Address;

    public string Url => _server.Address;

    public string Description => $"SIMPLON detector {detector.Model.Width}×{detector.Model.Height} {detector.Model.PixelType.Name()}, files under {dataRoot}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(detector.Writer.Root.Path);
        ReportStaleTemporaryFiles();
        return _server.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Frames queued for a slow disk are written now: the clock may stop (or never reach their delays) once the twin stops,
        // and a trigger waiting for them would hold the server's shutdown.
        detector.Writer.HurryDisk();
        await _server.DisposeAsync();
        if (detector.Model.State is not (DetectorState.Ready or DetectorState.Acquire)) return;
        // Stopped in the middle of a series (Ctrl-C, a failed scan): keep what was acquired in valid files, marked incomplete.
        var before = detector.Writer.Files.Count;
        try { await detector.Model.DisarmAsync(); }
        catch (Exception e) when (e is IOException or DetectorCommandException)
        {
            logger.LogWarning("{Name}: the twin stopped during a series and its files could not be closed: {Message}", name, e.Message);
            return;
        }
        foreach (var f in detector.Writer.Files.Skip(before))
            logger.LogWarning("{Name}: the twin stopped during a series; closed {File} with the {Frames} frame(s) acquired", name, f.Path, f.Frames);
    }

    // A temporary file is what a killed process leaves: never data, but worth telling (it may be large).
    private void ReportStaleTemporaryFiles()
    {
        var root = detector.Writer.Root.Path;
        if (!Directory.Exists(root)) return;
        var suffix = detector.Writer.Settings.TempSuffix;
        foreach (var file in Directory.EnumerateFiles(root, "*" + suffix, SearchOption.AllDirectories).Take(100))
        {
            var size = new FileInfo(file).Length;
            logger.LogWarning("{Name}: {File} ({Size:N0} bytes) is a temporary file of an acquisition that never finished (a killed process?); " +
                              "it is not data and is never listed; delete it", name, file, size);
        }
    }
}
