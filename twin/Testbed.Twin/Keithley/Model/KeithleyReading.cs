namespace Testbed.Twin.Keithley.Model;

/// <summary>One conversion: the reading in amperes (or an overflow/NAN code), the timestamp element and the status word.</summary>
public readonly record struct KeithleyReading(double Value, double Timestamp, int Status)
{
    /// <summary>What the instrument reports on overflow or overvoltage.</summary>
    public const double Overflow = 9.9e37;

    /// <summary>What the instrument reports for an invalid element.</summary>
    public const double NotANumber = 9.91e37;

    public bool IsOverflow => Value == Overflow;
}

/// <summary>The data elements <c>FORM:ELEM</c> selects; output order is always READ(+UNIT), TIME, STAT.</summary>
[Flags]
public enum ReadingElements
{
    None = 0,
    Reading = 1,
    Units = 2,
    Time = 4,
    Status = 8,
    All = Reading | Units | Time | Status,
}
