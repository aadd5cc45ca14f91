namespace Testbed.Twin.Keithley.Model;

/// <summary>The Keithley 6485/6487 picoammeter model: settings, ranges, zero check/correct and conversions of the input current.</summary>
/// <remarks>
/// Pure state and physics, no I/O. A conversion at time t integrates the <see cref="ICurrentSource"/> over
/// [t, t + NPLC/line frequency] and adds seeded noise that falls as 1/√NPLC. Callers serialise access
/// (the SCPI adapter holds <see cref="Gate"/>).
/// </remarks>
public sealed class KeithleyPicoammeter
{
    private readonly TimeProvider _clock;
    private readonly Random _noise;
    private DateTimeOffset _timeZero;
    private int _forcedOverflows;

    public KeithleyPicoammeter(KeithleyOptions options, TimeProvider clock, ICurrentSource input)
    {
        if (options.Model is not (6485 or 6487)) throw new ArgumentException($"model {options.Model} is not simulated; use 6485 or 6487", nameof(options));
        Options = options;
        _clock = clock;
        Input = input;
        _noise = new Random(options.NoiseSeed);
        _timeZero = clock.GetUtcNow();
        Source = options.IsModel6487 ? new VoltageSource(options.InterlockClosed) : null;
        Reset();
    }

    /// <summary>Held by whoever reads or changes the state.</summary>
    public object Gate { get; } = new();

    public KeithleyOptions Options { get; }

    public TimeProvider Clock => _clock;

    /// <summary>The signal at the input; replaceable at run time (e.g. by the world model).</summary>
    public ICurrentSource Input { get; set; }

    /// <summary>The 6487 voltage source, or null on a 6485.</summary>
    public VoltageSource? Source { get; }

    public double Nplc { get; private set; }

    public bool AutoRange { get; set; }

    public double Range { get; private set; }

    public bool ZeroCheck { get; set; }

    public bool ZeroCorrect { get; set; }

    /// <summary>The offset <c>SYST:ZCOR:ACQ</c> stored; subtracted while zero correct is on.</summary>
    public double ZeroCorrectOffset { get; private set; }

    public bool AutoZero { get; set; }

    public bool DisplayEnabled { get; set; }

    /// <summary><c>CALC3:FORM</c> (buffer statistic): MEAN, SDEV, MAX, MIN or PKPK.</summary>
    public string BufferStatistic { get; set; } = "MEAN";

    /// <summary><c>TRAC:FEED</c>: SENS, CALC or NONE.</summary>
    public string TraceFeed { get; set; } = "SENS";

    public ReadingElements Elements { get; set; }

    /// <summary>The last conversion (what <c>FETCh?</c> returns), or null before the first one.</summary>
    public KeithleyReading? LastReading { get; private set; }

    public double MaxNplc => Options.LineFrequency >= 60 ? 6 : 5;

    public const double MinNplc = 0.01;

    /// <summary>How long one conversion takes: NPLC / line frequency plus a fixed overhead.</summary>
    public TimeSpan ConversionTime => TimeSpan.FromSeconds(Nplc / Options.LineFrequency) + Options.ConversionOverhead;

    /// <summary>The <c>*RST</c> defaults.</summary>
    public void Reset()
    {
        Nplc = MaxNplc;
        AutoRange = true;
        Range = CurrentRange.Ranges[^1];
        ZeroCheck = true;
        ZeroCorrect = false;
        AutoZero = true;
        DisplayEnabled = true;
        BufferStatistic = "MEAN";
        TraceFeed = "SENS";
        Elements = ReadingElements.All;
        LastReading = null;
        Source?.Reset();
    }

    /// <summary>Sets NPLC; false (unchanged) outside 0.01 … 5 (50 Hz) or 6 (60 Hz).</summary>
    public bool TrySetNplc(double nplc)
    {
        if (!(nplc >= MinNplc - 1e-12 && nplc <= MaxNplc + 1e-12)) return false;
        Nplc = nplc;
        return true;
    }

    /// <summary>Selects the smallest range ≥ |amperes| and turns auto range off; false above 20 mA.</summary>
    public bool TrySetRange(double amperes)
    {
        if (CurrentRange.AtLeast(amperes) is not { } range) return false;
        Range = range;
        AutoRange = false;
        return true;
    }

    /// <summary>Restarts the timestamp element at zero (<c>SYST:TIME:RES</c>).</summary>
    public void ResetTimestamp(DateTimeOffset now) => _timeZero = now;

    /// <summary>Stores the present zero-check reading as the zero-correct offset.</summary>
    public void AcquireZeroCorrection(DateTimeOffset at) => ZeroCorrectOffset = Options.InputOffset + Noise();

    /// <summary>True while an overflow fault holds: every conversion reads <see cref="KeithleyReading.Overflow"/>.</summary>
    public bool OverflowForced => Volatile.Read(ref _forcedOverflows) > 0;

    // Not under Gate: a fault fires inside the timeline's lock, and a command event reaches the timeline from under Gate;
    // taking Gate here would order the two locks both ways.

    /// <summary>Makes every conversion read the overflow value (an input beyond the range), counted: each call needs its <see cref="ReleaseOverflow"/>.</summary>
    public void ForceOverflow() => Interlocked.Increment(ref _forcedOverflows);

    /// <summary>Ends one <see cref="ForceOverflow"/>.</summary>
    public void ReleaseOverflow()
    {
        int now, next;
        do
        {
            now = Volatile.Read(ref _forcedOverflows);
            next = Math.Max(0, now - 1);
        }
        while (Interlocked.CompareExchange(ref _forcedOverflows, next, now) != now);
    }

    /// <summary>Performs one conversion starting at <paramref name="start"/>.</summary>
    public KeithleyReading Convert(DateTimeOffset start)
    {
        var window = TimeSpan.FromSeconds(Nplc / Options.LineFrequency);
        var input = ZeroCheck ? Options.InputOffset : Input.MeanCurrent(start, window) + Options.InputOffset + SourceCurrent();
        if (AutoRange) Range = CurrentRange.Auto(input);
        var value = input + Noise();
        if (ZeroCorrect) value -= ZeroCorrectOffset;
        if (Math.Abs(input) > Range * CurrentRange.OverrangeFactor) value = KeithleyReading.Overflow;
        if (OverflowForced) value = KeithleyReading.Overflow;
        var seconds = ((start + window - _timeZero).TotalSeconds % 100000 + 100000) % 100000;
        var reading = new KeithleyReading(value, Math.Round(seconds, 2), 0);
        LastReading = reading;
        return reading;
    }

    private double SourceCurrent() =>
        Source is { } s && double.IsFinite(Options.LoadOhms) && Options.LoadOhms > 0 ? s.Output / Options.LoadOhms : 0;

    // Gaussian (Box–Muller) with rms = range · fraction / √NPLC.
    private double Noise()
    {
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        var gauss = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return gauss * Range * Options.NoiseFraction / Math.Sqrt(Nplc);
    }
}
