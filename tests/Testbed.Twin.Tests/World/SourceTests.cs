using Testbed.Twin.World;

namespace Testbed.Twin.Tests.World;

/// <summary>The source's intensity over virtual time: decay, top-up, noise and the overlays of faults.</summary>
public class SourceTests
{
    [Test]
    public void A_steady_source_is_one_whatever_the_time()
    {
        var s = new Source(new SourceSettings());
        Assert.That(new[] { 0, 1, 3600 }.Select(t => s.At(TimeSpan.FromSeconds(t))), Is.All.EqualTo(1.0));
        Assert.That(s.Settings.IsSteady, Is.True);
    }

    [Test]
    public void It_decays_with_its_lifetime_and_a_top_up_brings_it_back()
    {
        var s = new Source(new SourceSettings(Lifetime: TimeSpan.FromHours(10), TopUpPeriod: TimeSpan.FromMinutes(10)));
        Assert.That(s.At(TimeSpan.FromMinutes(5)), Is.EqualTo(Math.Exp(-300.0 / 36000)).Within(1e-12));
        Assert.That(s.At(TimeSpan.FromMinutes(10)), Is.EqualTo(1).Within(1e-12), "topped up");
        Assert.That(s.At(TimeSpan.FromMinutes(15)), Is.EqualTo(s.At(TimeSpan.FromMinutes(5))).Within(1e-12));
    }

    [Test]
    public void Noise_is_a_function_of_virtual_time_and_seed_only()
    {
        var a = new Source(new SourceSettings(Noise: 0.01, Seed: 3));
        var b = new Source(new SourceSettings(Noise: 0.01, Seed: 3));
        var c = new Source(new SourceSettings(Noise: 0.01, Seed: 4));
        var times = Enumerable.Range(0, 200).Select(i => TimeSpan.FromMilliseconds(i * 7.3)).ToList();
        Assert.That(times.Select(b.At), Is.EqualTo(times.Select(a.At)), "same seed, same values, whatever came before");
        Assert.That(times.Select(c.At), Is.Not.EqualTo(times.Select(a.At)));
        var values = times.Select(a.At).ToArray();
        Assert.That(MathNet.Numerics.Statistics.Statistics.StandardDeviation(values), Is.EqualTo(0.01).Within(0.004));
        Assert.That(a.At(TimeSpan.FromMilliseconds(11)), Is.EqualTo(a.At(TimeSpan.FromMilliseconds(19))), "constant within a noise interval");
    }

    [Test]
    public void A_beam_loss_overlay_drops_the_beam_for_its_duration_only()
    {
        var s = new Source(new SourceSettings());
        s.Overlay(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 0);
        Assert.That((s.At(TimeSpan.FromSeconds(9.9)), s.At(TimeSpan.FromSeconds(10)), s.At(TimeSpan.FromSeconds(14.9)), s.At(TimeSpan.FromSeconds(15))),
            Is.EqualTo((1.0, 0.0, 0.0, 1.0)));
        Assert.That(s.Mean(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(4)), Is.EqualTo(0.5).Within(0.1), "a window across the loss sees part of it");
    }

    [Test]
    public void Keyed_draws_do_not_depend_on_order()
    {
        var stream = SeededNoise.Stream("det1.pixels");
        var forward = Enumerable.Range(0, 50).Select(i => SeededNoise.Normal(7, stream, i)).ToArray();
        var backward = Enumerable.Range(0, 50).Reverse().Select(i => SeededNoise.Normal(7, stream, i)).Reverse().ToArray();
        Assert.That(backward, Is.EqualTo(forward));
        Assert.That(SeededNoise.Stream("a"), Is.EqualTo(12638187200555641996UL).And.Not.EqualTo(SeededNoise.Stream("b")), "FNV-1a of the name: the same in every process");
    }
}
