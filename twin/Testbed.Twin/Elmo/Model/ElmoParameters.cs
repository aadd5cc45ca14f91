namespace Testbed.Twin.Elmo.Model;

/// <summary>The plain stored parameters of a drive (no side effects on write); arrays are indexed directly by the Elmo index.</summary>
internal sealed class ElmoParameters
{
    public ElmoParameters(ElmoDriveSettings s)
    {
        Speed = s.Speed;
        Acceleration = s.Acceleration;
        Deceleration = s.Deceleration;
        StopDeceleration = s.StopDeceleration;
        Low[2] = s.SpeedLow;
        High[2] = s.SpeedHigh;
        Low[3] = s.PositionLow;
        High[3] = s.PositionHigh;
        FaultLow[2] = s.SpeedFaultLow;
        FaultHigh[2] = s.SpeedFaultHigh;
        FaultLow[3] = s.PositionFaultLow;
        FaultHigh[3] = s.PositionFaultHigh;
        Modulo[1] = s.ModuloLow;
        Modulo[2] = s.ModuloHigh;
        Target[1] = s.TargetRadius;
        Target[2] = s.TargetTimeMs;
        MaxError[2] = s.MaxSpeedError;
        MaxError[3] = s.MaxPositionError;
        for (var i = 1; i < InputLogic.Length; i++) InputLogic[i] = 0;
    }

    public long Speed;
    public long Acceleration;
    public long Deceleration;
    public long StopDeceleration;
    public long JogVelocity;
    public long ProfilerMode = 1;
    public long Echo = 1;
    public long Hex;

    /// <summary>VL[2..3].</summary>
    public readonly long[] Low = new long[4];

    /// <summary>VH[2..3].</summary>
    public readonly long[] High = new long[4];

    /// <summary>LL[2..3].</summary>
    public readonly long[] FaultLow = new long[4];

    /// <summary>HL[2..3].</summary>
    public readonly long[] FaultHigh = new long[4];

    /// <summary>XM[1..2].</summary>
    public readonly long[] Modulo = new long[3];

    /// <summary>TR[1..2].</summary>
    public readonly long[] Target = new long[3];

    /// <summary>ER[2..3].</summary>
    public readonly long[] MaxError = new long[4];

    /// <summary>HM[1..6]; HM[1] is the arm flag.</summary>
    public readonly long[] Homing = new long[7];

    /// <summary>OB[1..6].</summary>
    public readonly long[] Outputs = new long[7];

    /// <summary>IL[1..10] (stored; the twin's switch functions are fixed).</summary>
    public readonly long[] InputLogic = new long[11];
}
