namespace Testbed.Twin.Elmo.Model;

/// <summary>What SR is built from at one instant.</summary>
public readonly record struct ElmoStatus(int AmplifierCode, bool MotorOn, bool MotorFailure, int MotionStatus, int UnitMode, bool HomingArmed, bool StoppedByLimit);

/// <summary>SR (status register) bit layouts of the Gold and SimplIQ personalities (spec §3.5).</summary>
public static class ElmoStatusRegister
{
    public const int DriveProblemMask = 0xF;
    public const int MotorOnBit = 4;
    public const int MotorFailureBit = 6;
    public const int StoppedByLimitBit = 28;

    /// <summary>Gold: motion in progress.</summary>
    public const int GoldMotionBit = 7;

    /// <summary>Gold: profile mode value in bits 8-11.</summary>
    public const int GoldProfileModeShift = 8;

    /// <summary>Gold: target reached (MS == 0).</summary>
    public const int GoldTargetReachedBit = 18;

    /// <summary>SimplIQ: unit mode in bits 7-9.</summary>
    public const int SimplIqUnitModeShift = 7;

    /// <summary>SimplIQ: homing armed and not yet fired.</summary>
    public const int SimplIqHomingBit = 11;

    /// <summary>SimplIQ: MS in bits 14-15.</summary>
    public const int SimplIqMotionStatusShift = 14;

    public static long Compose(ElmoPersonality personality, in ElmoStatus s, ElmoGoldMotionBit goldMotion = ElmoGoldMotionBit.ProfilerActive)
    {
        long sr = s.AmplifierCode & DriveProblemMask;
        if (s.MotorOn) sr |= 1L << MotorOnBit;
        if (s.MotorFailure) sr |= 1L << MotorFailureBit;
        if (s.StoppedByLimit) sr |= 1L << StoppedByLimitBit;
        if (personality == ElmoPersonality.Gold)
        {
            var moving = goldMotion == ElmoGoldMotionBit.ProfilerActive ? s.MotionStatus == 2 : s.MotorOn && s.MotionStatus != 0;
            if (moving) sr |= 1L << GoldMotionBit;
            sr |= (long)GoldProfileMode(s) << GoldProfileModeShift;
            if (s.MotionStatus == 0) sr |= 1L << GoldTargetReachedBit;
        }
        else
        {
            sr |= (long)(s.UnitMode & 7) << SimplIqUnitModeShift;
            if (s.HomingArmed) sr |= 1L << SimplIqHomingBit;
            sr |= (long)(s.MotionStatus & 3) << SimplIqMotionStatusShift;
        }
        return sr;
    }

    // 1 position, 3 velocity, 4 torque, 6 homing (spec §3.5, low confidence; BLISS only prints it).
    private static int GoldProfileMode(in ElmoStatus s) =>
        s.HomingArmed ? 6 : s.UnitMode switch { 1 => 4, 2 => 3, _ => 1 };
}
