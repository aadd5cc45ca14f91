using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>A detector model + file writer in a temp data root, on a fast simulation clock.</summary>
internal sealed class DetectorRig : IDisposable
{
    public DetectorRig(int width = 64, int height = 48, PixelType type = PixelType.UInt16, SimulationSettings? sim = null, string? root = null)
    {
        Temp = new TempDirectory("det");
        Clock = new SimulationClock(rate: 1000);
        Settings = sim ?? new SimulationSettings { Mode = SimMode.LinearRamp, Seed = 7 };
        Root = new DataRoot(root ?? Temp.Path);
        Writer = new FileSeriesWriter(Root, TimeProvider.System);
        Model = new DetectorModel(Clock, new FrameSynthesizer(width, height, type, Settings), Writer);
    }

    public TempDirectory Temp { get; }

    public SimulationClock Clock { get; }

    public SimulationSettings Settings { get; }

    public DataRoot Root { get; }

    public FileSeriesWriter Writer { get; }

    public DetectorModel Model { get; }

    /// <summary>Initialize, arm, trigger once per ntrigger (ints), wait for idle.</summary>
    public async Task RunSeriesAsync(int nimages, int ntrigger = 1, double countTime = 0.01)
    {
        if (Model.State == DetectorState.Na) await Model.InitializeAsync();
        Model.Timing.SetCountTime(countTime);
        Model.Timing.SetNImages(nimages);
        Model.Timing.SetNTrigger(ntrigger);
        await Model.ArmAsync();
        for (var i = 0; i < ntrigger; i++) await Model.TriggerAsync();
        await Model.WhenTriggerDoneAsync();
        await Eventually.ValueAsync(() => Model.State, s => s is DetectorState.Idle or DetectorState.Error, "the series over (idle or error)");
    }

    /// <summary>The frame the model makes as frame number <paramref name="n"/> (pixels only depend on the seed and n).</summary>
    public Frame Expected(long n) => Model.Synthesizer.Make(n, (int)n + 1, 0.01, Clock.GetUtcNow());

    public void Dispose()
    {
        Clock.Dispose();
        Temp.Dispose();
    }
}
