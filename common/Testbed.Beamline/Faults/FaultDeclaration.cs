namespace Testbed.Beamline.Faults;

/// <summary>One entry of a beamline file's <c>faults:</c> list, validated: what goes wrong, where, from when, for how long.</summary>
/// <param name="Name">The name the injector lists and clears it by (<c>name:</c>, default <c>&lt;type&gt;-&lt;n&gt;</c>).</param>
/// <param name="Type">The fault type, one of <see cref="FaultSchema.Types"/> (e.g. <c>drop</c>, <c>stall</c>, <c>beam_loss</c>).</param>
/// <param name="Device">The controller it hits (<c>world</c> for the world).</param>
/// <param name="Axis">The axis when the target was given as an axis name, else null.</param>
/// <param name="Start">When it fires.</param>
/// <param name="Duration">How long it lasts once fired; null = until cleared.</param>
/// <param name="Numbers">Numeric parameters (every one the type takes, defaults filled in).</param>
/// <param name="Choices">Named parameters (e.g. <c>side: reverse</c>), defaults filled in.</param>
/// <param name="Node">Where it is written, for later errors.</param>
public sealed record FaultDeclaration(
    string Name,
    string Type,
    string Device,
    string? Axis,
    FaultStartDeclaration Start,
    TimeSpan? Duration,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string> Choices,
    ConfigNode? Node = null);

/// <summary>When a fault fires: at a virtual time of the twin clock, or at the <see cref="Count"/>-th event of a device.</summary>
/// <param name="At">Virtual time since the twin started; null for an event start.</param>
/// <param name="Device">The device whose events are counted (event starts).</param>
/// <param name="Event"><c>command</c> (a statement the device received) or <c>frame</c> (a frame the detector produced).</param>
/// <param name="Command">For <c>command</c>: the mnemonic counted, upper case (<c>PA</c> every PA statement, <c>PA=</c> assignments only).</param>
/// <param name="Count">Which occurrence fires it (1 = the first).</param>
public sealed record FaultStartDeclaration(TimeSpan? At, string? Device = null, string? Event = null, string? Command = null, long Count = 1)
{
    /// <summary>Fires at once (time 0).</summary>
    public static FaultStartDeclaration Now { get; } = new(TimeSpan.Zero);

    /// <summary>"at 2.5 s" or "at the 5th PA of tx_ctrl".</summary>
    public override string ToString() =>
        At is { } at ? $"at {at.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s"
            : $"at {Ordinal(Count)} {(Event == "frame" ? "frame" : Command)} of {Device}";

    private static string Ordinal(long n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
