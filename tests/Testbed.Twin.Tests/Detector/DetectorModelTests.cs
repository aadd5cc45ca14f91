using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>The detector model: exposure timing in virtual time and the simulation modes (B3.1, C2 item 22).</summary>
public class DetectorModelTests
{
    [Test]
    public async Task Frames_end_their_exposure_at_t0_plus_k_frame_time_plus_count_time_in_virtual_time()
    {
        using var clock = new SimulationClock(paused: true);
        var model = new DetectorModel(clock, new FrameSynthesizer(4, 4, PixelType.UInt16, new SimulationSettings()), new NullFrameSink());
        await model.InitializeAsync();
        model.Timing.SetCountTime(0.5);
        model.Timing.SetFrameTime(1.0);
        model.Timing.SetNImages(3);
        await model.ArmAsync();
        var t0 = clock.GetUtcNow();
        var run = model.TriggerAsync();
        // Each frame: the acquisition waits on the clock exactly until its exposure ends; one tick earlier nothing is made.
        var frameEnds = new[] { 0.5, 1.5, 2.5 };
        for (var k = 0; k < frameEnds.Length; k++)
        {
            var end = TimeSpan.FromSeconds(frameEnds[k]);
            await Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.Count > 0, $"frame {k} waiting on the twin clock");
            Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { end }), $"frame {k} ends at t0 + {k}·frame_time + count_time");
            clock.Advance(end - clock.Elapsed - TimeSpan.FromTicks(1));
            Assert.That(model.ArrayCounter, Is.EqualTo(k), $"frame {k} not made one tick before {end.TotalSeconds} s");
            clock.Advance(TimeSpan.FromTicks(1));
            await Eventually.ValueAsync(() => model.ArrayCounter, n => n == k + 1, $"frame {k} made at {end.TotalSeconds} s");
            Assert.That(model.LatestFrame!.Timestamp - t0, Is.EqualTo(end));
            if (k < frameEnds.Length - 1) Assert.That(model.State, Is.EqualTo(DetectorState.Acquire));
        }
        await run.WaitAsync(Eventually.DefaultDeadline);
        Assert.That(model.ArrayCounter, Is.EqualTo(3));
        Assert.That(model.State, Is.EqualTo(DetectorState.Idle));
    }

    [Test]
    public void Count_time_pushes_frame_time_and_frame_time_caps_count_time()
    {
        var t = new DetectorTiming(readoutTime: 0.01);
        t.SetCountTime(1.0);
        Assert.That(t.FrameTime, Is.EqualTo(1.01).Within(1e-12));
        t.SetFrameTime(0.5);
        Assert.That(t.CountTime, Is.EqualTo(0.49).Within(1e-12));
        Assert.Throws<DetectorCommandException>(() => t.SetFrameTime(0.005));
        Assert.Throws<DetectorCommandException>(() => t.SetNImages(0));
    }

    [Test]
    public void Beam_spot_follows_the_beam_source_and_its_flux()
    {
        var source = new FixedBeamSource(new BeamSpot(20, 10, 2, 2, 1e5));
        var settings = new SimulationSettings { Mode = SimMode.Beam, DarkCurrent = 0, HotPixelFraction = 0, DeadPixelFraction = 0 };
        var synth = new FrameSynthesizer(64, 32, PixelType.UInt32, settings, source);
        var (cx, cy, sum) = Moments(synth.Make(0, 1, 1.0, DateTimeOffset.UnixEpoch));
        Assert.That(cx, Is.EqualTo(20).Within(0.1));
        Assert.That(cy, Is.EqualTo(10).Within(0.1));
        Assert.That(sum, Is.EqualTo(1e5).Within(2e3), "total counts = flux × exposure (Poisson)");
        source.Spot = new BeamSpot(40, 20, 2, 2, 2e5);
        (cx, cy, sum) = Moments(synth.Make(1, 2, 0.5, DateTimeOffset.UnixEpoch));
        Assert.That(cx, Is.EqualTo(40).Within(0.1));
        Assert.That(cy, Is.EqualTo(20).Within(0.1));
        Assert.That(sum, Is.EqualTo(1e5).Within(2e3));
    }

    [Test]
    public void Beam_mode_has_poisson_dark_current_and_hot_and_dead_pixels()
    {
        var settings = new SimulationSettings { Mode = SimMode.Beam, Seed = 2, DarkCurrent = 100, HotPixelFraction = 0.01, DeadPixelFraction = 0.01 };
        var dark = new FixedBeamSource(new BeamSpot(0, 0, 1, 1, 0));
        var f = new FrameSynthesizer(100, 100, PixelType.UInt16, settings, dark).Make(0, 1, 0.5, DateTimeOffset.UnixEpoch);
        var v = f.As<ushort>();
        var hot = v.Count(p => p == ushort.MaxValue);
        var dead = v.Count(p => p == 0);
        var normal = v.Where(p => p != 0 && p != ushort.MaxValue).Select(p => (double)p).ToArray();
        var mean = normal.Average();
        var variance = normal.Select(p => (p - mean) * (p - mean)).Average();
        Assert.That(hot, Is.InRange(50, 160));
        Assert.That(dead, Is.InRange(50, 160));
        Assert.That(mean, Is.EqualTo(50).Within(1), "dark current × exposure");
        Assert.That(variance, Is.EqualTo(50).Within(5), "Poisson: variance = mean");
    }

    [Test]
    public void Offset_noise_moves_a_fixed_background_and_sine_moves_with_the_counter()
    {
        var on = new FrameSynthesizer(16, 16, PixelType.Float32, new SimulationSettings { Mode = SimMode.OffsetNoise, Offset = 100, Noise = 10 });
        var a = on.Make(0, 1, 1, DateTimeOffset.UnixEpoch).As<float>();
        var b = on.Make(1, 2, 1, DateTimeOffset.UnixEpoch).As<float>();
        Assert.That(a.All(p => p is >= 100 and < 110), Is.True);
        Assert.That(a.Order(), Is.EqualTo(b.Order()), "the same background, shifted");
        Assert.That(a, Is.Not.EqualTo(b));

        var sine = new FrameSynthesizer(32, 8, PixelType.Float32, new SimulationSettings { Mode = SimMode.Sine });
        var s0 = sine.Make(0, 1, 1, DateTimeOffset.UnixEpoch);
        var s1 = sine.Make(1, 2, 1, DateTimeOffset.UnixEpoch);
        // x-profile at x=0, frame 0: sin(0) + sin(2π·90/360) = 1; same for y: pixel(0,0) = 2.
        Assert.That(s0[0, 0], Is.EqualTo(2).Within(1e-5));
        Assert.That(s1[0, 0], Is.Not.EqualTo(s0[0, 0]).Within(1e-6));
    }

    [Test]
    public void Linear_ramp_wraps_integer_types_like_a_counter()
    {
        var synth = new FrameSynthesizer(300, 1, PixelType.UInt8, new SimulationSettings { Mode = SimMode.LinearRamp });
        var f = synth.Make(10, 11, 1, DateTimeOffset.UnixEpoch);
        Assert.That(f[250, 0], Is.EqualTo(4), "(250 + 10) mod 256");
    }

    private static (double X, double Y, double Sum) Moments(Frame f)
    {
        double sx = 0, sy = 0, s = 0;
        for (var y = 0; y < f.Height; y++)
            for (var x = 0; x < f.Width; x++) { var v = f[x, y]; s += v; sx += v * x; sy += v * y; }
        return (sx / s, sy / s, s);
    }
}
