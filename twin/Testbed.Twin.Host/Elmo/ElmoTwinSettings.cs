using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Host.Elmo;

/// <summary>The twin's view of one <c>class: elmo</c> / <c>Elmo_whistle</c> entry: the simulated drive and where it is served.</summary>
/// <remarks>Built only by <see cref="Read"/>; every <c>twin:</c> key is one line of <see cref="Keys"/>, its default is <see cref="ElmoDriveSettings"/>'s.</remarks>
public sealed record ElmoTwinSettings
{
    private ElmoTwinSettings() { }

    /// <summary>The drive: <see cref="ElmoDriveSettings"/> defaults (personality by class), changed by the <c>twin:</c> keys.</summary>
    public ElmoDriveSettings Drive { get; private init; } = new();

    /// <summary>The <c>url:</c> node the drive is served at: <c>udp: url:</c>, or <c>twin: udp_url:</c> for an entry without <c>udp:</c>.</summary>
    public ConfigNode Url { get; private init; } = null!;

    /// <summary><see cref="Url"/> read (<c>host[:port]</c>, port 5001 when omitted); a host name is resolved when the drive is created.</summary>
    public LineAddress Address { get; private init; } = null!;

    // twin: udp_url, used only when the entry has no udp: block.
    private ConfigNode? UdpUrl { get; init; }

    /// <summary>The <c>twin:</c> keys: one line each, in the order they are read.</summary>
    public static TwinKeys<ElmoTwinSettings> Keys { get; } =
    [
        DriveKey("personality", "gold | simpliq: SR/IP bit layouts and VR text (default by class: elmo gold, Elmo_whistle simpliq)",
            (n, d) => d with { Personality = n.AsChoice("gold", "simpliq") == "gold" ? ElmoPersonality.Gold : ElmoPersonality.SimplIq }),
        DriveKey("fls", "forward limit switch active while PX ≥ this, counts (none when absent)", (n, d) => d with { ForwardLimitPosition = n.AsLong() }),
        DriveKey("rls", "reverse limit switch active while PX ≤ this, counts (none when absent)", (n, d) => d with { ReverseLimitPosition = n.AsLong() }),
        DriveKey("home_switch", "[start, end]: home switch active while start ≤ PX ≤ end, counts", (n, d) => d with { HomeSwitch = HomeSwitch(n) }),
        DriveKey("index_period", "counts between index pulses (0: no index)", (n, d) => d with { IndexPeriod = NonNegative(n) }),
        DriveKey("index_offset", "position of an index pulse, counts", (n, d) => d with { IndexOffset = n.AsLong() }),
        DriveKey("loss", "probability 0..1 that a request datagram is dropped", (n, d) => d with { DatagramLossProbability = Probability(n) }),
        DriveKey("seed", "seed of the loss and position noise", (n, d) => d with { Seed = n.AsInt() }),
        DriveKey("motor_on_at_power_up", "MO=1 at start", (n, d) => d with { MotorOnAtPowerUp = n.AsBool() }),
        DriveKey("error_code_byte", "Q1: the error code as one raw byte before '?'", (n, d) => d with { ErrorReplyIncludesCodeByte = n.AsBool() }),
        DriveKey("settle_ms", "TR[2], ms in the target radius before MS=0 (same as tr2; give one)", (n, d) => d with { TargetTimeMs = NonNegative(n) }),
        DriveKey("tr1", "TR[1], target radius, counts", (n, d) => d with { TargetRadius = NonNegative(n) }),
        DriveKey("tr2", "TR[2], ms in the target radius before MS=0", (n, d) => d with { TargetTimeMs = NonNegative(n) }),
        DriveKey("sd", "SD, stop deceleration, counts/s² (100 .. 1e9)", (n, d) => d with { StopDeceleration = Acceleration(n) }),
        DriveKey("sp", "SP, PTP speed, counts/s", (n, d) => d with { Speed = NonNegative(n) }),
        DriveKey("ac", "AC, acceleration, counts/s² (100 .. 1e9)", (n, d) => d with { Acceleration = Acceleration(n) }),
        DriveKey("dc", "DC, deceleration, counts/s² (100 .. 1e9)", (n, d) => d with { Deceleration = Acceleration(n) }),
        DriveKey("vl2", "VL[2], lowest speed command, counts/s", (n, d) => d with { SpeedLow = n.AsLong() }),
        DriveKey("vh2", "VH[2], highest speed command, counts/s", (n, d) => d with { SpeedHigh = n.AsLong() }),
        DriveKey("vl3", "VL[3], lowest position command, counts", (n, d) => d with { PositionLow = n.AsLong() }),
        DriveKey("vh3", "VH[3], highest position command, counts", (n, d) => d with { PositionHigh = n.AsLong() }),
        DriveKey("ll3", "LL[3], low position fault limit, counts", (n, d) => d with { PositionFaultLow = n.AsLong() }),
        DriveKey("hl3", "HL[3], high position fault limit, counts", (n, d) => d with { PositionFaultHigh = n.AsLong() }),
        DriveKey("er3", "ER[3], following-error limit, counts", (n, d) => d with { MaxPositionError = NonNegative(n) }),
        DriveKey("initial_position", "PX at start, counts", (n, d) => d with { InitialPosition = n.AsLong() }),
        DriveKey("lag_ms", "first-order lag of PX behind DV[3], ms", (n, d) => d with { PositionLag = Milliseconds(n) }),
        DriveKey("noise", "Gaussian noise on reported PX, counts σ", (n, d) => d with { PositionNoise = NonNegativeDouble(n) }),
        DriveKey("version", "VR text (default by personality)", (n, d) => d with { VersionText = n.AsString() }),
        DriveKey("reply_delay_ms", "real time before each reply, ms", (n, d) => d with { ReplyDelay = Milliseconds(n) }),
        DriveKey("reply_deadline_ms", "a reply later than this after its request is dropped, never sent late, ms", (n, d) => d with { ReplyDeadline = Milliseconds(n) }),
        DriveKey("accept_lower_case", "accept lower-case mnemonics", (n, d) => d with { AcceptLowerCase = n.AsBool() }),
        DriveKey("implicit_terminator", "run a trailing statement without terminator at the end of a datagram", (n, d) => d with { ImplicitTerminatorAtEndOfDatagram = n.AsBool() }),
        DriveKey("px_with_motor_on", "Q3: accept | reject PX= with MO=1", (n, d) => d with { PxAssignWithMotorOn = Policy(n) }),
        DriveKey("pa_with_motor_off", "accept | reject PA= with MO=0", (n, d) => d with { PaAssignWithMotorOff = Policy(n) }),
        DriveKey("out_of_limit", "Q4: reject | clip a PA/PR target beyond VL[3]/VH[3]",
            (n, d) => d with { OutOfLimitTarget = n.AsChoice("reject", "clip") == "clip" ? ElmoOutOfLimitTarget.Clip : ElmoOutOfLimitTarget.Reject }),
        DriveKey("out_of_limit_code", "Q4: 21 | 28, the error code of a rejected out-of-limit target",
            (n, d) => d with { OutOfLimitErrorCode = n.AsChoice("21", "28") == "21" ? ElmoError.OperandOutOfRange : ElmoError.OutOfLimit }),
        DriveKey("homing_stop", "Q5: sd | dc, the deceleration of the homing stop",
            (n, d) => d with { HomingStop = n.AsChoice("sd", "dc") == "dc" ? ElmoHomingStop.Deceleration : ElmoHomingStop.StopDeceleration }),
        DriveKey("ec_clear_on_read", "Q7: reading EC resets it to 0", (n, d) => d with { ErrorCodeClearedOnRead = n.AsBool() }),
        DriveKey("gold_motion_bit", "Q10: profiler | not_in_target, the meaning of Gold SR bit 7",
            (n, d) => d with { GoldMotionBit = n.AsChoice("profiler", "not_in_target") == "not_in_target" ? ElmoGoldMotionBit.NotInTarget : ElmoGoldMotionBit.ProfilerActive }),
        DriveKey("ms_zero_after_motor_on", "Q11: MS reaches 0 after MO=1 once still", (n, d) => d with { MotionStatusZeroAfterMotorOn = n.AsBool() }),
        DriveKey("multi_command_reply", "Q12: single | per_command, reply datagrams for several commands in one datagram",
            (n, d) => d with { MultiCommandReply = n.AsChoice("single", "per_command") == "per_command" ? ElmoMultiCommandReply.DatagramPerCommand : ElmoMultiCommandReply.SingleDatagram }),
        new("udp_url", "host:port for an entry without udp: (a serial Elmo_whistle served over UDP)", (n, s) => s with { UdpUrl = n }),
    ];

    /// <summary>Reads an entry: the <c>twin:</c> block onto the drive defaults, then the address. Nothing is resolved, bound or created.</summary>
    /// <exception cref="ConfigException">An unknown key, a bad value, inconsistent drive settings or no UDP address (file:line and key).</exception>
    public static ElmoTwinSettings Read(ControllerConfig controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var whistle = string.Equals(controller.Class, "Elmo_whistle", StringComparison.OrdinalIgnoreCase);
        var twin = controller.Twin;
        var defaults = new ElmoTwinSettings { Drive = new ElmoDriveSettings { Personality = whistle ? ElmoPersonality.SimplIq : ElmoPersonality.Gold } };
        var s = Keys.Read(twin, defaults, t =>
        {
            if (t.Get("settle_ms") is not null && t.Get("tr2") is not null) throw t.Error("settle_ms", "'settle_ms' and 'tr2' both set TR[2]; keep one");
        });
        if (twin is not null)
        {
            try { s.Drive.Validate(); }
            catch (ArgumentException e) { throw twin.Error(null, $"inconsistent Elmo twin settings: {e.Message}"); }
        }
        // The entry's own udp: wins over twin: udp_url, which is then not read at all.
        var url = controller.Node.Get("udp") is { } udp ? udp.Require("url") : s.UdpUrl
            ?? throw controller.Node.Error(null,
                "the twin serves Elmo drives over UDP only; add 'udp: {url: host:port}' (or 'twin: {udp_url: host:port}' for a serial Elmo_whistle entry)");
        return s with { Url = url, Address = LineAddress.Parse(url, LineKind.Udp, ".") };
    }

    private static TwinKey<ElmoTwinSettings> DriveKey(string name, string doc, Func<ConfigNode, ElmoDriveSettings, ElmoDriveSettings> apply) =>
        new(name, doc, (n, s) => s with { Drive = apply(n, s.Drive) });

    private static (long, long) HomeSwitch(ConfigNode node)
    {
        var items = node.IsSequence ? node.Items() : [];
        if (items.Count != 2) throw node.Error(null, "expected [start, end] in counts, e.g. [-1000, 1000]");
        var (start, end) = (items[0].AsLong(), items[1].AsLong());
        if (start > end) throw node.Error(null, $"start {start} is above end {end}; write [start, end] with start ≤ end");
        return (start, end);
    }

    private static double Probability(ConfigNode node)
    {
        var p = node.AsDouble();
        return p is >= 0 and <= 1 ? p : throw node.Error(null, $"{p} is not a probability; use 0 (no loss) .. 1 (drop everything)");
    }

    private static long NonNegative(ConfigNode node)
    {
        var v = node.AsLong();
        return v >= 0 ? v : throw node.Error(null, $"{v} must be ≥ 0");
    }

    private static TimeSpan Milliseconds(ConfigNode node)
    {
        var ms = NonNegativeDouble(node);
        return ms <= ConfigNode.MaxSeconds * 1000 ? TimeSpan.FromMilliseconds(ms) : throw node.Error(null, $"{ms} ms is longer than {ConfigNode.MaxSeconds:0} s");
    }

    private static double NonNegativeDouble(ConfigNode node)
    {
        var v = node.AsDouble();
        return v >= 0 ? v : throw node.Error(null, $"{v} must be ≥ 0");
    }

    private static long Acceleration(ConfigNode node)
    {
        var v = node.AsLong();
        return v is >= 100 and <= 1_000_000_000 ? v : throw node.Error(null, $"{v} counts/s² is outside the drive's range 100 .. 1e9");
    }

    private static ElmoPolicy Policy(ConfigNode node) => node.AsChoice("accept", "reject") == "accept" ? ElmoPolicy.Accept : ElmoPolicy.Reject;
}
