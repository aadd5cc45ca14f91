namespace Testbed.Twin.Keithley.Model;

/// <summary>Fixed properties of one simulated picoammeter (what the front panel and factory decide, not SCPI state).</summary>
public sealed record KeithleyOptions
{
    /// <summary>6485 or 6487 (the 6487 adds the voltage source and interlock).</summary>
    public int Model { get; init; } = 6485;

    public string SerialNumber { get; init; } = "4000001";

    public string Firmware { get; init; } = "B03   Sep 25 2002 10:53:29/A02  /E";

    /// <summary>Power line frequency in Hz (50 or 60): sets the NPLC limit and the conversion time.</summary>
    public double LineFrequency { get; init; } = 50;

    /// <summary>Fixed per-conversion overhead added to NPLC / line frequency.</summary>
    public TimeSpan ConversionOverhead { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Seed of the reading noise, so runs repeat exactly.</summary>
    public int NoiseSeed { get; init; } = 1;

    /// <summary>Relative rms noise at 1 PLC, as a fraction of the range; it falls as 1/√NPLC.</summary>
    public double NoiseFraction { get; init; } = 2e-5;

    /// <summary>Input offset current seen with zero check on (what zero correct removes).</summary>
    public double InputOffset { get; init; } = 4e-14;

    /// <summary>6487: whether the interlock is closed (needed for the 50 V and 500 V ranges).</summary>
    public bool InterlockClosed { get; init; } = true;

    /// <summary>6487: resistance between the source output and the ammeter input; the source adds V/R to the input current (∞ = none).</summary>
    public double LoadOhms { get; init; } = double.PositiveInfinity;

    public bool IsModel6487 => Model == 6487;
}
