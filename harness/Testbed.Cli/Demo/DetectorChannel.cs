using Testbed.Drivers.Abstractions;

namespace Testbed.Cli.Demo;

/// <summary>A 2D detector in the demo scan: one software trigger per point into one series; frames stay in files.</summary>
internal sealed class DetectorChannel(IAreaDetector detector, double countTime) : IDemoChannel
{
    public string Name => detector.Name;

    /// <summary>Configures and arms a series of one image per point.</summary>
    public async Task PrepareAsync(int points, CancellationToken ct)
    {
        await detector.ConfigureAsync(new AreaDetectorSettings(countTime, Images: 1, Triggers: points, NamePattern: "demo_$id"), ct);
        await detector.ArmAsync(ct);
    }

    public async Task<string> ReadAsync(int point, CancellationToken ct)
    {
        await detector.TriggerAsync(cancellationToken: ct);
        return $"frame {point}";
    }

    /// <summary>Waits for the series' files to be closed and returns where every frame is.</summary>
    public Task<IReadOnlyList<FrameReference>> FinishAsync(CancellationToken ct) => detector.WaitAsync(TimeSpan.FromSeconds(30), ct);
}
