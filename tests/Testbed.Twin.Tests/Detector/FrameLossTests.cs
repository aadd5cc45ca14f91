using Testbed.Twin.Detector.Files;

namespace Testbed.Twin.Tests.Detector;

/// <summary>Which frames a dropped-frames fault loses: a seeded draw per (detector, frame index), the same in every run.</summary>
public class FrameLossTests
{
    [Test]
    public void The_same_detector_loses_the_same_frames_at_about_the_fraction_and_another_detector_others()
    {
        var a = new FrameLoss("det1", 0.3);
        var again = new FrameLoss("det1", 0.3);
        var other = new FrameLoss("det2", 0.3);
        var lost = Enumerable.Range(0, 10_000).Where(i => a.Loses(i)).ToList();
        Assert.That(lost.Count / 10_000.0, Is.EqualTo(0.3).Within(0.02));
        Assert.That(Enumerable.Range(0, 10_000).Where(i => again.Loses(i)), Is.EqualTo(lost), "replayed exactly");
        Assert.That(Enumerable.Range(0, 10_000).Where(i => other.Loses(i)), Is.Not.EqualTo(lost), "keyed by the detector");
        Assert.That(Enumerable.Range(0, 1000).Any(i => new FrameLoss("det1", 0).Loses(i)), Is.False);
        Assert.That(Enumerable.Range(0, 1000).All(i => new FrameLoss("det1", 1).Loses(i)), Is.True);
        Assert.That(() => new FrameLoss("det1", 1.5), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
