namespace Testbed.Twin.Faults;

/// <summary>The fault types the twin can play (the beamline file spells them in snake case: <c>beam_loss</c>).</summary>
public enum FaultKind
{
    /// <summary>Link: request datagrams lost (parameter <c>percent</c>).</summary>
    Drop,

    /// <summary>Link: bytes the device sends corrupted (parameter <c>percent</c> per byte).</summary>
    Garble,

    /// <summary>Link: dead, nothing answered, TCP clients cut off and refused.</summary>
    Disconnect,

    /// <summary>Device: the axis is blocked; a move latches MF 0x200000 (motor stuck).</summary>
    Stall,

    /// <summary>Device: MF 0x100 latches (position tracking), motor off.</summary>
    FollowingError,

    /// <summary>Device: an amplifier fault (parameter <c>code</c>).</summary>
    MotorFault,

    /// <summary>Device: a hardware limit switch active (parameter <c>side</c>).</summary>
    LimitSwitch,

    /// <summary>Device: a Keithley refuses commands with a SCPI error (parameters <c>code</c>, <c>command</c>): queued, no reply.</summary>
    ScpiError,

    /// <summary>Device: a Keithley's readings are the overflow value +9.9E37.</summary>
    Overflow,

    /// <summary>Device: the detector's data disk is full.</summary>
    DiskFull,

    /// <summary>World: no beam.</summary>
    BeamLoss,

    /// <summary>World: intensity multiplied by <c>factor</c>.</summary>
    IntensityDrop,

    /// <summary>Link: each reply leaves <c>ms</c> of twin time late.</summary>
    Delay,

    /// <summary>Link: reply datagrams sent twice (parameter <c>percent</c>).</summary>
    Duplicate,

    /// <summary>Link: each reply sent in <c>parts</c> pieces <c>gap_ms</c> of twin time apart.</summary>
    Split,

    /// <summary>Link: a reply held back and sent after the next one (parameters <c>percent</c>, <c>ms</c> the longest hold).</summary>
    Reorder,

    /// <summary>Device: frames lost between the detector's sensor and its files (parameter <c>percent</c>).</summary>
    DroppedFrames,

    /// <summary>Device: each frame's write takes <c>ms</c> longer (twin time); frames queue, none is lost.</summary>
    SlowDisk,

    /// <summary>World: a top-up injection; the source is refilled to 1, the beam multiplied by <c>factor</c> while it holds.</summary>
    TopUp,
}
