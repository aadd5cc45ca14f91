using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

/// <summary>Gold-layout status bits (SR, IP) and MS, decoded to axis state as BLISS's <c>elmo</c> class does.</summary>
public static class ElmoStatus
{
    /// <summary>SR bit 0: drive problem.</summary>
    public const long SrDriveProblem = 1 << 0;

    /// <summary>SR bit 4: servo on (position loop closed).</summary>
    public const long SrServoOn = 1 << 4;

    /// <summary>SR bit 7: motion in progress.</summary>
    public const long SrMotion = 1 << 7;

    /// <summary>IP bit 6: forward limit switch.</summary>
    public const long IpForwardLimit = 1 << 6;

    /// <summary>IP bit 7: reverse limit switch.</summary>
    public const long IpReverseLimit = 1 << 7;

    /// <summary>IP bit 8: inhibit input.</summary>
    public const long IpInhibit = 1 << 8;

    /// <summary>IP bit 17: digital input 2, the slave switch.</summary>
    public const long IpSlaveSwitch = 1 << 17;

    /// <summary>True when a limit bit is set; BLISS then skips the MS query.</summary>
    public static bool OnLimit(long ip) => (ip & (IpForwardLimit | IpReverseLimit)) != 0;

    /// <summary>Decodes SR, IP and (when no limit is active) MS; READY and MOVING are exclusive, the last source wins.</summary>
    public static AxisState Decode(long sr, long ip, long? ms, bool controlSlave)
    {
        var state = AxisState.None;
        if ((sr & SrMotion) != 0) state = AxisState.Moving;
        if ((sr & SrDriveProblem) != 0) state |= AxisState.DriveFault;
        if ((sr & SrServoOn) == 0) state |= AxisState.ClosedLoopOpen;
        if (controlSlave && (ip & IpSlaveSwitch) != 0) state |= AxisState.SlaveSwitch;
        if ((ip & IpForwardLimit) != 0) state = Ready(state) | AxisState.LimPos;
        if ((ip & IpReverseLimit) != 0) state = Ready(state) | AxisState.LimNeg;
        if ((ip & IpInhibit) != 0) state |= AxisState.Inhibit;
        switch (ms)
        {
            case 0: state = Ready(state); break;
            case 1 or 2: state = (state & ~AxisState.Ready) | AxisState.Moving; break;
            case 3: state |= AxisState.Fault; break;
        }
        return state;
    }

    /// <summary>Homing state: only SR bit 7 counts.</summary>
    public static AxisState DecodeHoming(long sr) => (sr & SrMotion) != 0 ? AxisState.Moving : AxisState.Ready;

    private static AxisState Ready(AxisState s) => (s & ~AxisState.Moving) | AxisState.Ready;
}
