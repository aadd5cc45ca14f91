namespace Testbed.Twin.Elmo.Model;

/// <summary>A consistent view of a drive at one instant, for inspection by tests and the control API.</summary>
public sealed record ElmoDriveSnapshot(
    TimeSpan Time,
    bool MotorOn,
    int UnitMode,
    double Position,
    double Reference,
    double ReferenceVelocity,
    long Target,
    int MotionStatus,
    long StatusRegister,
    long InputPort,
    long MotorFault,
    ElmoError LastError,
    bool HomingArmed,
    bool StoppedByLimit);
