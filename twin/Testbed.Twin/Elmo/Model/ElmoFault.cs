namespace Testbed.Twin.Elmo.Model;

/// <summary>Faults that can be injected into an <see cref="ElmoDrive"/> (the fault-timeline entry points).</summary>
/// <remarks>
/// Motor failures (following error, speed tracking, position limit) latch MF and SR bit 6, switch the motor off,
/// and are cleared by the next successful <c>MO=1</c>. Amplifier faults put their code into SR bits 0-3, switch the
/// motor off and keep refusing <c>MO=1</c> (error 66) until <see cref="ElmoDrive.ClearFaults"/>.
/// </remarks>
public enum ElmoFault
{
    FollowingError,
    SpeedTrackingError,
    PositionLimit,
    UnderVoltage,
    OverVoltage,
    ShortCircuit,
    OverTemperature,
    SafetyAlarm,
}

/// <summary>MF (motor fault) bits, per the SimplIQ list.</summary>
public static class ElmoMotorFault
{
    public const long PeakCurrent = 0x8;
    public const long Inhibit = 0x10;
    public const long SpeedTracking = 0x80;
    public const long PositionTracking = 0x100;
    public const long DriveFault = 0x1000;
    public const long SpeedLimit = 0x20000;
    public const long Stuck = 0x200000;
    public const long PositionLimit = 0x400000;
    public const long CannotStart = 0x20000000;
}
