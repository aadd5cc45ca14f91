namespace Testbed.Twin.Faults;

/// <summary>A typed fault: what, where, from when, for how long, with which parameters.</summary>
/// <param name="Name">The name it is listed and cleared by.</param>
/// <param name="Kind">The fault type.</param>
/// <param name="Device">The controller it hits (the world entry's name for world faults).</param>
/// <param name="Axis">The axis, when the fault was aimed at one.</param>
/// <param name="Start">When it fires.</param>
/// <param name="Duration">How long it lasts once fired (virtual time); null = until cleared.</param>
/// <param name="Numbers">Numeric parameters (e.g. <c>percent</c>, <c>factor</c>).</param>
/// <param name="Choices">Named parameters (e.g. <c>side</c>, <c>code</c>).</param>
public sealed record FaultSpec(
    string Name,
    FaultKind Kind,
    string Device,
    string? Axis,
    FaultStart Start,
    TimeSpan? Duration,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string> Choices)
{
    /// <summary>A numeric parameter, or <paramref name="fallback"/>.</summary>
    public double Number(string key, double fallback) => Numbers.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>A named parameter, or <paramref name="fallback"/>.</summary>
    public string Choice(string key, string fallback) => Choices.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>"drop-1 (Drop on tx_ctrl at 2 s for 1 s)".</summary>
    public string Describe() =>
        $"{Name} ({Kind} on {Device}{(Axis is null ? "" : $" axis {Axis}")} {Start}{(Duration is { } d ? $" for {d.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s" : " until cleared")})";
}

/// <summary>When a fault fires: at a virtual time, or at the <see cref="Count"/>-th event of a device.</summary>
/// <param name="At">Virtual time since the timeline started; null for an event start.</param>
/// <param name="Device">The device whose events are counted.</param>
/// <param name="Event">The event counted: <see cref="Command"/> statements received, or <c>frame</c>s produced.</param>
/// <param name="Command">The statement counted (<c>PA</c> any PA statement, <c>PA=</c> assignments only).</param>
/// <param name="Count">Which occurrence fires it (1 = the first).</param>
public sealed record FaultStart(TimeSpan? At, string? Device = null, string? Event = null, string? Command = null, long Count = 1)
{
    /// <summary>Fires as soon as it is armed.</summary>
    public static FaultStart Now { get; } = new(TimeSpan.Zero);

    /// <summary>A time start.</summary>
    public static FaultStart After(TimeSpan at) => new(at);

    /// <summary>The <paramref name="count"/>-th <paramref name="command"/> statement <paramref name="device"/> receives.</summary>
    public static FaultStart OnCommand(string device, string command, long count) => new(null, device, FaultEvents.Command, command.ToUpperInvariant(), count);

    /// <summary>The <paramref name="frame"/>-th frame <paramref name="device"/> produces (counted from the twin's start).</summary>
    public static FaultStart OnFrame(string device, long frame) => new(null, device, FaultEvents.Frame, null, frame);

    public override string ToString() =>
        At is { } at ? $"at {at.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s" : $"at {Event} {Command} #{Count} of {Device}".Replace("  ", " ", StringComparison.Ordinal);
}

/// <summary>The names of the events devices report to a <see cref="FaultTimeline"/>.</summary>
public static class FaultEvents
{
    /// <summary>A statement received (its mnemonic, and <c>=</c> for an assignment).</summary>
    public const string Command = "command";

    /// <summary>A frame produced, before it is written.</summary>
    public const string Frame = "frame";
}
