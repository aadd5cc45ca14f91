namespace Testbed.Twin.Elmo.Model;

/// <summary>The drive's motion at one instant: time (s), reference position and velocity (DV[3], DV[2]) and actual position (PX).</summary>
internal readonly record struct MotionState(double Time, double Reference, double Velocity, double Actual);

/// <summary>One piece of the reference: constant acceleration from (P0, V0) at T0 until T1 (may be +∞); X0 is the actual position at T0.</summary>
internal readonly record struct ProfileSegment(double T0, double T1, double P0, double V0, double A, double X0);
