using Testbed.Twin.Faults;
using Testbed.Twin.Host.Keithley;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Host.Faults;

/// <summary>What the Keithley device faults do (<c>scpi_error</c>, <c>overflow</c>) and how a Keithley names its command events.</summary>
internal static class KeithleyFaultEffects
{
    /// <summary>What <c>scpi_error</c> refuses without <c>command:</c>: every command that acquires or returns a reading.</summary>
    public static readonly IReadOnlyList<string> Acquiring = ["READ?", "FETCh?", "MEASure?", "INITiate"];

    /// <summary>While it holds, the commands of <c>command</c> (default <see cref="Acquiring"/>) queue error <c>code</c> and get no reply.</summary>
    public static IFaultEffect Refuse(FaultSpec spec, KeithleyTwinEndpoint k)
    {
        var code = int.Parse(spec.Choice("code", "-200"), System.Globalization.CultureInfo.InvariantCulture);
        var headers = spec.Choices.TryGetValue("command", out var one) ? [one] : Acquiring;
        var names = headers.Select(h => CommandName(spec, k, h)).ToList();
        var refusals = k.Instrument.Context.Refusals;
        return new FaultEffect(() => refusals.Add(spec.Name, ScpiError.Standard(code), names), () => refusals.Remove(spec.Name));
    }

    /// <summary>Every conversion reads +9.9E37 while it holds.</summary>
    public static IFaultEffect Overflow(KeithleyTwinEndpoint k) => new FaultEffect(k.Instrument.Model.ForceOverflow, k.Instrument.Model.ReleaseOverflow);

    /// <summary>The name a Keithley reports <paramref name="header"/> by (its short form, <c>?</c> for a query only), or an error naming the device.</summary>
    public static string CommandName(FaultSpec spec, KeithleyTwinEndpoint k, string header) =>
        k.Instrument.Commands.NameOf(header) ?? throw new ArgumentException(
            $"fault {spec.Name}: '{header}' is not a command of '{k.Name}' ({k.Description}); write a SCPI header it knows, e.g. READ?, MEAS?, INIT or SENS:CURR:NPLC (twin/Testbed.Twin/Keithley/README.md lists them)");

    /// <summary>Reports every command unit <paramref name="k"/> receives to <paramref name="timeline"/>: by its short form, and a query also with <c>?</c>.</summary>
    public static void Report(KeithleyTwinEndpoint k, FaultTimeline timeline)
    {
        var name = k.Name;
        k.Instrument.Context.CommandReceived = (header, query) =>
            timeline.ObserveAs(name, FaultEvents.Command, query ? [header, header + "?"] : [header]);
    }
}
