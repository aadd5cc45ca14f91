namespace Testbed.Twin.Elmo.Model;

/// <summary>Accept or refuse a command whose real-drive behaviour is not known (see the open questions in the spec).</summary>
public enum ElmoPolicy
{
    Accept,
    Reject,
}

/// <summary>What a PA/PR target beyond VL[3]/VH[3] does (spec Q4).</summary>
public enum ElmoOutOfLimitTarget
{
    /// <summary>The command fails with <see cref="ElmoDriveSettings.OutOfLimitErrorCode"/> and PA is unchanged.</summary>
    Reject,

    /// <summary>PA is clipped into [VL[3], VH[3]] and SR bit 28 is set until the next target.</summary>
    Clip,
}

/// <summary>Which deceleration the homing stop (HM[4]=0) uses (spec Q5).</summary>
public enum ElmoHomingStop
{
    StopDeceleration,
    Deceleration,
}

/// <summary>What Gold SR bit 7 reports (spec Q10).</summary>
public enum ElmoGoldMotionBit
{
    /// <summary>Bit 7 = (MS == 2): the profiler is running.</summary>
    ProfilerActive,

    /// <summary>Bit 7 = motor on and MS != 0 (set until settled in the target radius; clear with the motor off).</summary>
    NotInTarget,
}

/// <summary>How replies to a datagram holding several commands are sent (spec Q12).</summary>
public enum ElmoMultiCommandReply
{
    /// <summary>One datagram holding every command's echo, body and ';' in order.</summary>
    SingleDatagram,

    /// <summary>One datagram per command.</summary>
    DatagramPerCommand,
}

/// <summary>Homing event kinds that HM[3] values map to (spec Q2).</summary>
public enum ElmoHomingEvent
{
    /// <summary>Fires as soon as HM[1]=1 arms it.</summary>
    Immediate,

    /// <summary>The next index pulse crossing.</summary>
    Index,

    /// <summary>The home switch becoming active (PX entering the home window).</summary>
    HomeSwitch,

    /// <summary>The home switch, then the next index pulse (the home switch alone when no index is modelled).</summary>
    HomeSwitchThenIndex,
}
