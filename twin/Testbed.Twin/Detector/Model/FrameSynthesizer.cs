using MathNet.Numerics.Distributions;

namespace Testbed.Twin.Detector.Model;

/// <summary>Computes frame pixels from the simulation settings, deterministically from the seed and the frame number.</summary>
/// <remarks>
/// Every random draw of frame n comes from a generator seeded with (Seed, n), so a frame does not depend on which
/// frames were computed before it: tests recompute any frame and compare pixel values exactly.
/// LinearRamp wraps integer types as ADSimDetector does; the other modes saturate at the type's range.
/// </remarks>
public sealed class FrameSynthesizer
{
    private readonly double[]? _background;
    private readonly byte[] _defects;

    public FrameSynthesizer(int width, int height, PixelType type, SimulationSettings settings, IBeamSource? beam = null)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}×{height} must be at least 1×1");
        Width = width;
        Height = height;
        Type = type;
        Settings = settings;
        Beam = beam ?? new FixedBeamSource(BeamSpot.Centred(width, height));
        if (settings.Offset != 0 || settings.Noise != 0)
        {
            var rng = new Random(SeedFor(settings.Seed, -1));
            _background = new double[width * height];
            for (var i = 0; i < _background.Length; i++) _background[i] = settings.Offset + settings.Noise * rng.NextDouble();
        }
        _defects = MakeDefectMap(width * height, settings);
    }

    public int Width { get; }

    public int Height { get; }

    public PixelType Type { get; }

    public SimulationSettings Settings { get; }

    public IBeamSource Beam { get; }

    /// <summary>Pixel values of frame <paramref name="frameNumber"/> (0 = first frame after reset) before conversion to the pixel type.</summary>
    public double[] Compute(long frameNumber, double exposureSeconds, DateTimeOffset time)
    {
        var rng = new Random(SeedFor(Settings.Seed, frameNumber));
        var v = new double[Width * Height];
        switch (Settings.Mode)
        {
            case SimMode.LinearRamp: LinearRamp(v, frameNumber); break;
            case SimMode.Peaks: Peaks(v, rng); break;
            case SimMode.Sine: Sine(v, frameNumber); break;
            case SimMode.OffsetNoise: break;
            case SimMode.Beam: BeamSpotImage(v, rng, exposureSeconds, time); break;
        }
        if (_background is not null)
        {
            // ADSimDetector copies the background starting at a random offset so that it "moves".
            var shift = Settings.Mode == SimMode.OffsetNoise ? rng.Next(v.Length) : 0;
            for (var i = 0; i < v.Length; i++) v[i] += _background[(i + shift) % v.Length];
        }
        return v;
    }

    /// <summary>A complete frame: computed pixels converted to the pixel type.</summary>
    public Frame Make(long frameNumber, int uniqueId, double exposureSeconds, DateTimeOffset time) =>
        new(Width, Height, Type, PixelConversion.Convert(Compute(frameNumber, exposureSeconds, time), Type, wrap: Settings.Mode == SimMode.LinearRamp),
            uniqueId, time, exposureSeconds);

    private void LinearRamp(double[] v, long n)
    {
        var s = Settings;
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                v[y * Width + x] = s.Gain * (s.GainX * x + s.GainY * y + n);
    }

    private void Peaks(double[] v, Random rng)
    {
        var s = Settings;
        for (var j = 0; j < s.PeakNumY; j++)
            for (var i = 0; i < s.PeakNumX; i++)
            {
                var scale = 1 + s.PeakVariation / 100 * (rng.NextDouble() - 0.5);
                AddGaussian(v, s.PeakStartX + i * s.PeakStepX, s.PeakStartY + j * s.PeakStepY, s.PeakWidthX, s.PeakWidthY, s.Gain * scale);
            }
    }

    private void AddGaussian(double[] v, double cx, double cy, double sx, double sy, double height)
    {
        // Drawn out to ±4σ, clipped to the image, as ADSimDetector does.
        int x0 = Math.Max(0, (int)Math.Floor(cx - 4 * sx)), x1 = Math.Min(Width - 1, (int)Math.Ceiling(cx + 4 * sx));
        int y0 = Math.Max(0, (int)Math.Floor(cy - 4 * sy)), y1 = Math.Min(Height - 1, (int)Math.Ceiling(cy + 4 * sy));
        for (var y = y0; y <= y1; y++)
        {
            var gy = (y - cy) * (y - cy) / (2 * sy * sy);
            for (var x = x0; x <= x1; x++)
                v[y * Width + x] += height * Math.Exp(-((x - cx) * (x - cx) / (2 * sx * sx) + gy));
        }
    }

    private void Sine(double[] v, long n)
    {
        var s = Settings;
        var xs = Profile(Width, n, s.GainX, s.XSine1, s.XSine2, s.XSineMultiply);
        var ys = Profile(Height, n, s.GainY, s.YSine1, s.YSine2, s.YSineMultiply);
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                v[y * Width + x] = s.Gain * (ys[y] + xs[x]);
    }

    private static double[] Profile(int size, long n, double gain, SineWave a, SineWave b, bool multiply)
    {
        var p = new double[size];
        for (var i = 0; i < size; i++)
        {
            // The counter keeps increasing across frames, so the pattern moves.
            var t = (n + i) * gain / size;
            var s1 = a.Amplitude * Math.Sin(2 * Math.PI * (t * a.Frequency + a.PhaseDegrees / 360));
            var s2 = b.Amplitude * Math.Sin(2 * Math.PI * (t * b.Frequency + b.PhaseDegrees / 360));
            p[i] = multiply ? s1 * s2 : s1 + s2;
        }
        return p;
    }

    private void BeamSpotImage(double[] v, Random rng, double exposure, DateTimeOffset time)
    {
        var spot = Beam.Sample(time);
        var photons = spot.PhotonsPerSecond * exposure * Settings.Gain;
        var norm = photons / (2 * Math.PI * spot.SigmaX * spot.SigmaY);
        var dark = Settings.DarkCurrent * exposure;
        var max = Type.MaxValue();
        for (var y = 0; y < Height; y++)
        {
            var gy = (y - spot.CenterY) * (y - spot.CenterY) / (2 * spot.SigmaY * spot.SigmaY);
            for (var x = 0; x < Width; x++)
            {
                var i = y * Width + x;
                var gx = (x - spot.CenterX) * (x - spot.CenterX) / (2 * spot.SigmaX * spot.SigmaX);
                var mean = norm * Math.Exp(-(gx + gy)) + dark;
                v[i] = _defects[i] switch
                {
                    Dead => 0,
                    Hot => max,
                    _ => mean > 0 ? Poisson.Sample(rng, mean) : 0,
                };
            }
        }
    }

    /// <summary>A stable mix of seed and stream number (SplitMix64 finaliser); HashCode.Combine is randomised per process.</summary>
    private static int SeedFor(int seed, long stream)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return unchecked((int)(z ^ (z >> 31)));
    }

    private const byte Dead = 1;
    private const byte Hot = 2;

    private static byte[] MakeDefectMap(int pixels, SimulationSettings s)
    {
        var map = new byte[pixels];
        if (s.Mode != SimMode.Beam) return map;
        var rng = new Random(SeedFor(s.Seed, -2));
        for (var i = 0; i < pixels; i++)
        {
            var u = rng.NextDouble();
            map[i] = u < s.DeadPixelFraction ? Dead : u < s.DeadPixelFraction + s.HotPixelFraction ? Hot : (byte)0;
        }
        return map;
    }
}
