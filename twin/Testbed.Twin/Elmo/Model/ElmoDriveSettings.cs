namespace Testbed.Twin.Elmo.Model;

/// <summary>Every configurable value of a simulated Elmo drive: power-up state (spec §3.2), switch geometry, the open-question choices (Q1-Q12) and twin-only transport faults.</summary>
public sealed record ElmoDriveSettings
{
    // ---- identity and power-up (spec §3.2, §3.11)
    public ElmoPersonality Personality { get; init; } = ElmoPersonality.Gold;

    /// <summary>VR text; null = "Gold Twitter 01.01.16.00 (twin)" or "Whistle 01.01.16.00 (twin)" by personality (Q9).</summary>
    public string? VersionText { get; init; }

    /// <summary>SN[1..4]: vendor id, product code, revision, serial number.</summary>
    public IReadOnlyList<long> SerialNumbers { get; init; } = [0x9A, 0x0100_0000, 0x0101_1600, 1];

    public bool MotorOnAtPowerUp { get; init; }
    public int UnitMode { get; init; } = 5;
    public long InitialPosition { get; init; }

    // ---- motion parameters (spec §3.2)
    public long Speed { get; init; } = 100_000;
    public long Acceleration { get; init; } = 1_000_000;
    public long Deceleration { get; init; } = 1_000_000;
    public long StopDeceleration { get; init; } = 1_000_000_000;
    public long SpeedLow { get; init; } = -100_000_000;
    public long SpeedHigh { get; init; } = 100_000_000;
    public long PositionLow { get; init; } = -1_000_000_000;
    public long PositionHigh { get; init; } = 1_000_000_000;
    public long SpeedFaultLow { get; init; } = -200_000_000;
    public long SpeedFaultHigh { get; init; } = 200_000_000;
    public long PositionFaultLow { get; init; } = -2_000_000_000;
    public long PositionFaultHigh { get; init; } = 2_000_000_000;
    public long ModuloLow { get; init; } = -1_000_000_000;
    public long ModuloHigh { get; init; } = 1_000_000_000;

    /// <summary>TR[1]: target radius in counts for MS=0.</summary>
    public long TargetRadius { get; init; } = 10;

    /// <summary>TR[2]: time in ms the position must stay in the radius before MS=0 (keeps MS=0 well inside 100 ms of MO=1, D5).</summary>
    public long TargetTimeMs { get; init; } = 10;

    public long MaxSpeedError { get; init; } = 1_000_000_000;
    public long MaxPositionError { get; init; } = 100_000;

    /// <summary>First-order lag of PX behind DV[3].</summary>
    public TimeSpan PositionLag { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Gaussian noise (standard deviation, counts) added to reported PX; 0 = none.</summary>
    public double PositionNoise { get; init; }

    /// <summary>PY = PX × ratio (+ the offset set by PY=).</summary>
    public double AuxPositionRatio { get; init; } = 1.0;

    /// <summary>The shortest time MS stays 2 after BG, so a zero-length move is still seen as a motion by the first poll.</summary>
    public TimeSpan MinimumMotionTime { get; init; } = TimeSpan.FromMilliseconds(1);

    // ---- switches (spec §3.7)
    /// <summary>FLS is active while PX ≥ this; null = no forward limit switch.</summary>
    public long? ForwardLimitPosition { get; init; }

    /// <summary>RLS is active while PX ≤ this; null = no reverse limit switch.</summary>
    public long? ReverseLimitPosition { get; init; }

    /// <summary>The home switch is active while Start ≤ PX ≤ End; null = no home switch.</summary>
    public (long Start, long End)? HomeSwitch { get; init; }

    /// <summary>Counts between index pulses; 0 = no index modelled.</summary>
    public long IndexPeriod { get; init; }
    public long IndexOffset { get; init; }

    /// <summary>Q8: AA[n] values, returned as integers (IPv4 addresses packed big-endian into 32 bits, MAC as 48 bits).</summary>
    public IReadOnlyDictionary<int, long> EthernetParameters { get; init; } = DefaultEthernet;

    // ---- open questions (spec §6.1), each with the spec's default
    /// <summary>Q1: insert the error code as one raw byte before '?'. Off: BLISS only needs '?' before ';' and codes ≥128 would break its UTF-8 decode.</summary>
    public bool ErrorReplyIncludesCodeByte { get; init; }

    /// <summary>Q2: meaning of HM[3] values. Default 0 immediate, 1 index, 2 home switch, 3 home switch then index.</summary>
    public IReadOnlyDictionary<long, ElmoHomingEvent> HomingEvents { get; init; } = DefaultHomingEvents;

    /// <summary>Q3: PX= with MO=1. Accept (BLISS's encoder set writes PX with the motor on); Reject gives 57.</summary>
    public ElmoPolicy PxAssignWithMotorOn { get; init; } = ElmoPolicy.Accept;

    /// <summary>Q4: PA/PR beyond VL[3]/VH[3].</summary>
    public ElmoOutOfLimitTarget OutOfLimitTarget { get; init; } = ElmoOutOfLimitTarget.Reject;

    /// <summary>Q4: error code for a rejected out-of-limit target: 28 "Out of limit" (the PR page speaks of a limit, not of an operand range).</summary>
    public ElmoError OutOfLimitErrorCode { get; init; } = ElmoError.OutOfLimit;

    /// <summary>Q5: deceleration of the homing stop.</summary>
    public ElmoHomingStop HomingStop { get; init; } = ElmoHomingStop.StopDeceleration;

    /// <summary>Q6: longest datagram executed; longer ones set EC=77 and get no reply (their echo would not fit a reply).</summary>
    public int MaxDatagramLength { get; init; } = 1024;

    /// <summary>Q6: longest single statement; longer ones fail with 77.</summary>
    public int MaxStatementLength { get; init; } = 128;

    /// <summary>Q6: largest reply datagram; statements whose reply would not fit are not executed.</summary>
    public int MaxReplyLength { get; init; } = 1472;

    /// <summary>Q6: longest numeric literal; longer ones fail with 110.</summary>
    public int MaxNumberLength { get; init; } = 20;

    /// <summary>Q7: reading EC resets it to 0. Off: EC keeps the last failure until the next one.</summary>
    public bool ErrorCodeClearedOnRead { get; init; }

    /// <summary>Q10: meaning of Gold SR bit 7.</summary>
    public ElmoGoldMotionBit GoldMotionBit { get; init; } = ElmoGoldMotionBit.ProfilerActive;

    /// <summary>Q11: MS reaches 0 after MO=1 once still (BLISS needs it within 100 ms, D5). Off: MS stays 1 until a PTP target is reached (PA=/BG or PA=PX).</summary>
    public bool MotionStatusZeroAfterMotorOn { get; init; } = true;

    /// <summary>Q12: reply packing for several commands in one datagram.</summary>
    public ElmoMultiCommandReply MultiCommandReply { get; init; } = ElmoMultiCommandReply.SingleDatagram;

    // ---- lenient-interpreter options
    public bool AcceptLowerCase { get; init; }

    /// <summary>Treat the end of a datagram as a terminator for a trailing fragment; off = the fragment is discarded.</summary>
    public bool ImplicitTerminatorAtEndOfDatagram { get; init; }

    /// <summary>PA= with MO=0; Reject gives 58.</summary>
    public ElmoPolicy PaAssignWithMotorOff { get; init; } = ElmoPolicy.Reject;

    /// <summary>Writing HM[2..6] while homing is armed; Reject gives 71.</summary>
    public ElmoPolicy HomingParametersWhileArmed { get; init; } = ElmoPolicy.Accept;

    // ---- twin-only transport behaviour
    /// <summary>Probability (0..1) that a request datagram is dropped unexecuted.</summary>
    public double DatagramLossProbability { get; init; }

    /// <summary>Seed of the loss and noise random generators.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Real (wire) time added before each reply.</summary>
    public TimeSpan ReplyDelay { get; init; }

    /// <summary>A reply not sent within this real time after the request arrived is dropped, never sent late.</summary>
    public TimeSpan ReplyDeadline { get; init; } = TimeSpan.FromMilliseconds(45);

    /// <summary>The VR text for the configured personality.</summary>
    public string EffectiveVersionText => VersionText ?? (Personality == ElmoPersonality.Gold ? "Gold Twitter 01.01.16.00 (twin)" : "Whistle 01.01.16.00 (twin)");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string what) { if (!ok) throw new ArgumentException(what); }
        Check(UnitMode is >= 1 and <= 5, $"unit mode {UnitMode} must be 1..5");
        Check(Speed >= 0 && Acceleration >= 100 && Deceleration >= 100 && StopDeceleration >= 100, "speed must be ≥0 and accelerations ≥100 counts/s²");
        Check(SpeedLow < 0 && SpeedHigh > 0, "VL[2] must be negative and VH[2] positive");
        Check(PositionLow < PositionHigh && ModuloLow < ModuloHigh, "VL[3] < VH[3] and XM[1] < XM[2] are required");
        Check(TargetRadius >= 0 && TargetTimeMs >= 0, "TR[1] and TR[2] must be ≥0");
        Check(PositionLag >= TimeSpan.Zero && PositionNoise >= 0 && MinimumMotionTime >= TimeSpan.Zero, "lag, noise and minimum motion time must be ≥0");
        Check(ForwardLimitPosition is null || ReverseLimitPosition is null || ReverseLimitPosition < ForwardLimitPosition, "the reverse limit must lie below the forward limit");
        Check(HomeSwitch is null || HomeSwitch.Value.Start <= HomeSwitch.Value.End, "home switch start must be ≤ end");
        Check(IndexPeriod >= 0, "the index period must be ≥0");
        Check(DatagramLossProbability is >= 0 and <= 1, "loss probability must be within 0..1");
        Check(ReplyDelay >= TimeSpan.Zero && ReplyDeadline > TimeSpan.Zero, "reply delay must be ≥0 and the deadline >0");
        Check(MaxDatagramLength >= 16 && MaxStatementLength >= 8 && MaxReplyLength >= 64 && MaxNumberLength >= 4, "size limits are too small");
        var vr = EffectiveVersionText;
        Check(vr.Length > 0 && !vr.Contains(';') && !vr.EndsWith('?') && vr.All(c => c is >= ' ' and <= '~'), "VR text must be printable ASCII, non-empty, without ';' and not ending in '?'");
    }

    private static readonly IReadOnlyDictionary<long, ElmoHomingEvent> DefaultHomingEvents = new Dictionary<long, ElmoHomingEvent>
    {
        [0] = ElmoHomingEvent.Immediate,
        [1] = ElmoHomingEvent.Index,
        [2] = ElmoHomingEvent.HomeSwitch,
        [3] = ElmoHomingEvent.HomeSwitchThenIndex,
    };

    private static readonly IReadOnlyDictionary<int, long> DefaultEthernet = new Dictionary<int, long>
    {
        [10] = 0x7F000001, // IP address set: 127.0.0.1
        [11] = 0x7F000001, // IP address in use
        [12] = unchecked((long)0xFF000000), // subnet mask
        [14] = 0, // DHCP off
        [20] = 0x7F000001, // gateway
        [21] = 0x0010_2030_4050, // MAC address
        [22] = 0,
        [23] = 0,
    };
}
