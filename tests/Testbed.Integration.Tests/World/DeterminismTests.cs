using Testbed.Blissdata;
using Testbed.Demo;
using Testbed.Scans.Stepping;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.World;

/// <summary>The same file and seed give the same readings and frames, bit for bit, whatever the clock rate.</summary>
public class DeterminismTests
{
    [Test]
    public async Task One_acquisition_through_the_real_wires_at_1x_and_at_50x_gives_every_value_bit_for_bit()
    {
        using var dir = new TempDirectory("determinism");
        var yaml = WorldBeamline.Write(dir);
        var slow = await RunAsync(yaml, rate: 1);
        var fast = await RunAsync(yaml, rate: 50);
        Assert.That(fast.Values, Has.Count.EqualTo(5 * 4));
        Assert.That(fast.Values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(slow.Values.Select(BitConverter.DoubleToInt64Bits)),
            string.Join(", ", slow.Values) + "\n" + string.Join(", ", fast.Values));
        Assert.That(fast.Frames, Has.Count.EqualTo(5));
        Assert.That(fast.Frames, Is.EqualTo(slow.Frames), "every pixel of every frame");
        Assert.That(fast.Values.Distinct().Count(), Is.GreaterThan(10), "the readings do vary (noise, the peak): equality is not trivial");
    }

    private static async Task<(List<double> Values, List<string> Frames)> RunAsync(string yaml, double rate)
    {
        var view = new RecordingView();
        var result = await DemoRun.RunAsync(new DemoOptions { Beamline = yaml, From = -0.5, To = 0.7, Points = 5, Rate = rate }, view, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(DemoOutcome.Succeeded), result.Message + "\n" + string.Join("\n", view.Lines));
        var values = view.Points.SelectMany(p => p.Positions.Select(x => x.Position).Concat(p.Readings.Where(r => r.Value is not null).Select(r => r.Value!.Value))).ToList();
        var frames = FrameSums.Read(FrameSums.FileOf(string.Join('\n', view.Lines))).Select(f => f.Sha256).ToList();
        return (values, frames);
    }

    private sealed class RecordingView : IDemoView
    {
        public List<ScanPoint> Points { get; } = [];

        public List<string> Lines { get; } = [];

        public void Note(string text) => Lines.Add(text);

        public void Warning(string text) => Lines.Add("warning: " + text);

        public void ScanStarting(string description, IReadOnlyList<string> columns) => Lines.Add(description);

        public void Point(ScanPoint point) => Points.Add(point);

        public void Outage(RedisOutageNotice notice) => Lines.Add(notice.ToString());
    }
}
