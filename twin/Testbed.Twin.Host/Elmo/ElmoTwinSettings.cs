using Testbed.Beamline;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Host.Elmo;

/// <summary>The keys of an Elmo controller's <c>twin:</c> block and how they map onto <see cref="ElmoDriveSettings"/>.</summary>
internal static class ElmoTwinKeys
{
    public static readonly string[] All =
    [
        "personality", "fls", "rls", "home_switch", "index_period", "index_offset", "loss", "seed", "motor_on_at_power_up",
        "error_code_byte", "settle_ms", "tr1", "tr2", "sd", "sp", "ac", "dc", "vl2", "vh2", "vl3", "vh3", "ll3", "hl3", "er3",
        "initial_position", "lag_ms", "noise", "version", "reply_delay_ms", "reply_deadline_ms", "accept_lower_case",
        "implicit_terminator", "px_with_motor_on", "pa_with_motor_off", "out_of_limit", "out_of_limit_code", "homing_stop",
        "ec_clear_on_read", "gold_motion_bit", "ms_zero_after_motor_on", "multi_command_reply", "udp_url",
    ];

    public static ElmoDriveSettings Read(ConfigNode? t, ElmoPersonality fallback)
    {
        var s = new ElmoDriveSettings { Personality = fallback };
        if (t is null) return s;
        if (t.Get("settle_ms") is not null && t.Get("tr2") is not null)
            throw t.Error("settle_ms", "'settle_ms' and 'tr2' both set TR[2]; keep one");
        s = s with
        {
            Personality = t.Get("personality")?.AsChoice("gold", "simpliq") switch { "gold" => ElmoPersonality.Gold, "simpliq" => ElmoPersonality.SimplIq, _ => fallback },
            ForwardLimitPosition = t.Long("fls"),
            ReverseLimitPosition = t.Long("rls"),
            HomeSwitch = HomeSwitch(t),
            IndexPeriod = NonNegative(t, "index_period", s.IndexPeriod),
            IndexOffset = t.Long("index_offset", s.IndexOffset),
            DatagramLossProbability = Probability(t),
            Seed = t.Int("seed", s.Seed),
            MotorOnAtPowerUp = t.Bool("motor_on_at_power_up", s.MotorOnAtPowerUp),
            ErrorReplyIncludesCodeByte = t.Bool("error_code_byte", s.ErrorReplyIncludesCodeByte),
            TargetRadius = NonNegative(t, "tr1", s.TargetRadius),
            TargetTimeMs = NonNegative(t, "tr2", NonNegative(t, "settle_ms", s.TargetTimeMs)),
            StopDeceleration = Acceleration(t, "sd", s.StopDeceleration),
            Speed = NonNegative(t, "sp", s.Speed),
            Acceleration = Acceleration(t, "ac", s.Acceleration),
            Deceleration = Acceleration(t, "dc", s.Deceleration),
            SpeedLow = t.Long("vl2", s.SpeedLow),
            SpeedHigh = t.Long("vh2", s.SpeedHigh),
            PositionLow = t.Long("vl3", s.PositionLow),
            PositionHigh = t.Long("vh3", s.PositionHigh),
            PositionFaultLow = t.Long("ll3", s.PositionFaultLow),
            PositionFaultHigh = t.Long("hl3", s.PositionFaultHigh),
            MaxPositionError = NonNegative(t, "er3", s.MaxPositionError),
            InitialPosition = t.Long("initial_position", s.InitialPosition),
            PositionLag = Milliseconds(t, "lag_ms", s.PositionLag),
            PositionNoise = NonNegativeDouble(t, "noise", s.PositionNoise),
            VersionText = t.String("version"),
            ReplyDelay = Milliseconds(t, "reply_delay_ms", TimeSpan.Zero),
            ReplyDeadline = Milliseconds(t, "reply_deadline_ms", s.ReplyDeadline),
            AcceptLowerCase = t.Bool("accept_lower_case", s.AcceptLowerCase),
            ImplicitTerminatorAtEndOfDatagram = t.Bool("implicit_terminator", s.ImplicitTerminatorAtEndOfDatagram),
            PxAssignWithMotorOn = Policy(t, "px_with_motor_on", s.PxAssignWithMotorOn),
            PaAssignWithMotorOff = Policy(t, "pa_with_motor_off", s.PaAssignWithMotorOff),
            OutOfLimitTarget = t.Get("out_of_limit")?.AsChoice("reject", "clip") == "clip" ? ElmoOutOfLimitTarget.Clip : s.OutOfLimitTarget,
            OutOfLimitErrorCode = t.Get("out_of_limit_code")?.AsChoice("21", "28") == "21" ? ElmoError.OperandOutOfRange : s.OutOfLimitErrorCode,
            HomingStop = t.Get("homing_stop")?.AsChoice("sd", "dc") == "dc" ? ElmoHomingStop.Deceleration : s.HomingStop,
            ErrorCodeClearedOnRead = t.Bool("ec_clear_on_read", s.ErrorCodeClearedOnRead),
            GoldMotionBit = t.Get("gold_motion_bit")?.AsChoice("profiler", "not_in_target") == "not_in_target" ? ElmoGoldMotionBit.NotInTarget : s.GoldMotionBit,
            MotionStatusZeroAfterMotorOn = t.Bool("ms_zero_after_motor_on", s.MotionStatusZeroAfterMotorOn),
            MultiCommandReply = t.Get("multi_command_reply")?.AsChoice("single", "per_command") == "per_command" ? ElmoMultiCommandReply.DatagramPerCommand : s.MultiCommandReply,
        };
        try
        {
            s.Validate();
        }
        catch (ArgumentException e)
        {
            throw t.Error(null, $"inconsistent Elmo twin settings: {e.Message}");
        }
        return s;
    }

    private static (long, long)? HomeSwitch(ConfigNode t)
    {
        if (t.Get("home_switch") is not { } node) return null;
        var items = node.IsSequence ? node.Items() : [];
        if (items.Count != 2) throw t.Error("home_switch", "expected [start, end] in counts, e.g. [-1000, 1000]");
        var (start, end) = (items[0].AsLong(), items[1].AsLong());
        if (start > end) throw t.Error("home_switch", $"start {start} is above end {end}; write [start, end] with start ≤ end");
        return (start, end);
    }

    private static double Probability(ConfigNode t)
    {
        var p = t.Double("loss", 0);
        return p is >= 0 and <= 1 ? p : throw t.Error("loss", $"{p} is not a probability; use 0 (no loss) .. 1 (drop everything)");
    }

    private static long NonNegative(ConfigNode t, string key, long fallback)
    {
        var v = t.Long(key, fallback);
        return v >= 0 ? v : throw t.Error(key, $"{v} must be ≥ 0");
    }

    private static TimeSpan Milliseconds(ConfigNode t, string key, TimeSpan fallback)
    {
        var ms = NonNegativeDouble(t, key, fallback.TotalMilliseconds);
        return ms <= ConfigNode.MaxSeconds * 1000 ? TimeSpan.FromMilliseconds(ms) : throw t.Error(key, $"{ms} ms is longer than {ConfigNode.MaxSeconds:0} s");
    }

    private static double NonNegativeDouble(ConfigNode t, string key, double fallback)
    {
        var v = t.Double(key, fallback);
        return v >= 0 ? v : throw t.Error(key, $"{v} must be ≥ 0");
    }

    private static long Acceleration(ConfigNode t, string key, long fallback)
    {
        var v = t.Long(key, fallback);
        return v is >= 100 and <= 1_000_000_000 ? v : throw t.Error(key, $"{v} counts/s² is outside the drive's range 100 .. 1e9");
    }

    private static ElmoPolicy Policy(ConfigNode t, string key, ElmoPolicy fallback) =>
        t.Get(key)?.AsChoice("accept", "reject") switch { "accept" => ElmoPolicy.Accept, "reject" => ElmoPolicy.Reject, _ => fallback };
}
