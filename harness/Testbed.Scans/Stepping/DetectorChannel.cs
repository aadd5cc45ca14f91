using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.Stepping;

/// <summary>A 2D detector in the demo scan: one software trigger per point into one series; frames stay in files.</summary>
public sealed class DetectorChannel(IAreaDetector detector, double countTime) : IScanChannel
{
    /// <summary>The areaDetector template of announced files: directory, name, then the file number on four digits.</summary>
    public const string AnnouncedTemplate = "%s%s_%04d.h5";

    /// <summary>Number of the first file of an announced series (DECTRIS numbering starts at 1).</summary>
    public const long FirstFileNumber = 1;

    public string Name => detector.Name;

    public IAreaDetector Detector => detector;

    public double CountTime => countTime;

    /// <summary>The series settings of the last <see cref="ConfigureAsync"/>.</summary>
    public AreaDetectorSettings Settings { get; private set; } = new(countTime);

    /// <summary>Configures a series of one image per point. With <paramref name="directory"/> the files get fixed names
    /// (<c>&lt;directory&gt;/&lt;detector&gt;_0001.h5</c> …) that can be announced before the series starts; otherwise the detector's own.</summary>
    public async Task ConfigureAsync(int points, string? directory, CancellationToken ct)
    {
        Settings = directory is null
            ? new AreaDetectorSettings(countTime, Images: 1, Triggers: points, NamePattern: "demo_$id")
            : new AreaDetectorSettings(countTime, Images: 1, Triggers: points, FilePath: directory, NamePattern: detector.Name,
                FileTemplate: AnnouncedTemplate, FileNumber: FirstFileNumber);
        await detector.ConfigureAsync(Settings, ct);
    }

    public Task ArmAsync(CancellationToken ct) => detector.ArmAsync(ct);

    public async Task<ChannelReading> ReadAsync(int point, CancellationToken ct)
    {
        await detector.TriggerAsync(cancellationToken: ct);
        return new ChannelReading(this, $"frame {point}", null);
    }

    /// <summary>Waits for the series' files to be closed and returns where every frame is.</summary>
    public Task<IReadOnlyList<FrameReference>> FinishAsync(CancellationToken ct) => detector.WaitAsync(TimeSpan.FromSeconds(30), ct);
}
