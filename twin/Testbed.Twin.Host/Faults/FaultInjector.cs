using Testbed.Beamline.Faults;
using Testbed.Twin.Faults;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.Faults;

/// <summary>The in-process fault API of a served beamline: inject, clear, list active and fired faults (with the virtual time each fired).</summary>
/// <remarks>
/// A plain class: the control HTTP layer and scenarios call it; nothing here listens on a socket. It owns the beamline's
/// <see cref="FaultTimeline"/> (time 0 = when the injector was built, just before the endpoints start) and connects every
/// device's event reports to it: Elmo drives report the statements they receive, Keithleys the SCPI commands, detectors the frames they make.
/// </remarks>
public sealed class FaultInjector : IDisposable
{
    private readonly IReadOnlyList<ITwinEndpoint> _endpoints;
    private readonly BeamlineWorld? _world;
    private readonly string? _worldName;

    /// <summary>An injector over <paramref name="endpoints"/> and <paramref name="world"/> (named <paramref name="worldName"/> in the file), timed by <paramref name="clock"/>.</summary>
    public FaultInjector(IReadOnlyList<ITwinEndpoint> endpoints, BeamlineWorld? world, TimeProvider clock, string? worldName = "world")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints;
        _world = world;
        _worldName = world is null ? null : worldName;
        Timeline = new FaultTimeline(clock);
        foreach (var endpoint in endpoints)
        {
            switch (endpoint)
            {
                case ElmoTwinEndpoint e: e.Server.Faults = Timeline; break;
                case KeithleyTwinEndpoint k: KeithleyFaultEffects.Report(k, Timeline); break;
                case DetectorTwinEndpoint d:
                    var name = d.Name;
                    d.Detector.Model.FrameMade += _ => Timeline.Observe(name, FaultEvents.Frame);
                    break;
            }
        }
    }

    /// <summary>The timeline underneath (events, records, the <see cref="FaultTimeline.Changed"/> notification).</summary>
    public FaultTimeline Timeline { get; }

    /// <summary>Virtual time since the injector started.</summary>
    public TimeSpan Now => Timeline.Now;

    /// <summary>Every fault injected or declared, armed, active or over.</summary>
    public IReadOnlyList<FaultRecord> All => Timeline.Records;

    /// <summary>The faults in effect now.</summary>
    public IReadOnlyList<FaultRecord> Active => Timeline.Active;

    /// <summary>The faults that fired, with the time each fired (and cleared).</summary>
    public IReadOnlyList<FaultRecord> Fired => Timeline.Fired;

    /// <summary>Arms a fault; it fires at its start (at once for <see cref="FaultStart.Now"/>).</summary>
    /// <exception cref="ArgumentException">No such device, a type that cannot hit it, or a name already in use; the message says which.</exception>
    public FaultRecord Inject(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var target = spec.Device == _worldName ? null : Endpoint(spec.Device);
        if (spec.Start is { At: null, Device: { } d }) Endpoint(d);
        // A Keithley names a command by its short form: the header as the user wrote it (long form, optional nodes, any case) is matched here.
        if (spec.Start is { At: null, Event: FaultEvents.Command, Device: { } kd, Command: { } header } && Endpoint(kd) is KeithleyTwinEndpoint k)
            spec = spec with { Start = spec.Start with { Command = KeithleyFaultEffects.CommandName(spec, k, header) } };
        return Timeline.Arm(spec, FaultEffects.For(spec, target, _world));
    }

    /// <summary>Arms every fault a beamline file declares.</summary>
    public void Arm(IEnumerable<FaultDeclaration> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        foreach (var d in declared)
        {
            // What only the served devices can check (a SCPI header the instrument does not know) is still a file:line error.
            try { Inject(ToSpec(d)); }
            catch (ArgumentException e) when (d.Node is not null) { throw d.Node.Error(null, e.Message); }
        }
    }

    /// <summary>Clears a fault by name (its effect ends now; an armed one never fires). False when none of that name is armed or active.</summary>
    public bool Clear(string name) => Timeline.Clear(name);

    /// <summary>Clears every armed and active fault.</summary>
    public void ClearAll() => Timeline.ClearAll();

    /// <summary>The typed fault a beamline-file declaration describes.</summary>
    public static FaultSpec ToSpec(FaultDeclaration d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var kind = Enum.Parse<FaultKind>(d.Type.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        var s = d.Start;
        var start = s.At is { } at ? FaultStart.After(at)
            : s.Event == FaultEvents.Frame ? FaultStart.OnFrame(s.Device!, s.Count) : FaultStart.OnCommand(s.Device!, s.Command!, s.Count);
        return new FaultSpec(d.Name, kind, d.Device, d.Axis, start, d.Duration, d.Numbers, d.Choices);
    }

    public void Dispose() => Timeline.Dispose();

    private ITwinEndpoint Endpoint(string device) =>
        _endpoints.FirstOrDefault(e => e.Name == device)
        ?? throw new ArgumentException($"no device '{device}' in this beamline; devices: {string.Join(", ", _endpoints.Select(e => e.Name).Concat(_worldName is null ? [] : [_worldName]))}");
}
