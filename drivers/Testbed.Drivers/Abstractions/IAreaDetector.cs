namespace Testbed.Drivers.Abstractions;

/// <summary>A 2D detector as the scan stack drives it: configure, arm, trigger, wait, and get a file reference per frame (pixels stay on disk).</summary>
public interface IAreaDetector : IAsyncDisposable
{
    /// <summary>The controller name from the beamline file.</summary>
    string Name { get; }

    /// <summary>Absolute path of the detector's data root as this machine sees it: files can only be written below it.</summary>
    string DataDirectory { get; }

    /// <summary>The HDF5 data set holding the frames, as known at the last <see cref="ConfigureAsync"/>.</summary>
    string DataPath { get; }

    /// <summary>Opens the connection and brings the detector to a usable state (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Frame width, height and pixel type.</summary>
    Task<FrameGeometry> FrameGeometryAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets exposure, series shape, trigger source and file layout; only while the detector is idle.</summary>
    Task ConfigureAsync(AreaDetectorSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Arms a series; returns its sequence id.</summary>
    Task<int> ArmAsync(CancellationToken cancellationToken = default);

    /// <summary>Software trigger: starts the next trigger's images (with <see cref="DetectorTrigger.SoftwareGate"/>: one image of <paramref name="exposure"/> s).</summary>
    Task TriggerAsync(double? exposure = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the series is complete and its files are closed; returns one reference per frame, in order.</summary>
    Task<IReadOnlyList<FrameReference>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Ends a series before its last frame, keeping what was acquired: stops it, waits for its files to be closed and returns
    /// the references of its first <paramref name="framesAcquired"/> frames (those the caller knows were taken).</summary>
    Task<IReadOnlyList<FrameReference>> FinishEarlyAsync(int framesAcquired, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Stops the series: <paramref name="abort"/> drops data in flight, otherwise what was acquired is written.</summary>
    Task StopAsync(bool abort, CancellationToken cancellationToken = default);

    /// <summary>The newest image as TIFF bytes (live preview), or null when none is available yet.</summary>
    Task<byte[]?> PreviewAsync(CancellationToken cancellationToken = default);
}
