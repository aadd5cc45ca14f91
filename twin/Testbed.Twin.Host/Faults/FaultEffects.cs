using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Faults;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.Faults;

/// <summary>What each fault type does to each kind of served device: one case per (type, device family).</summary>
internal static class FaultEffects
{
    /// <summary>The effect of <paramref name="spec"/> on <paramref name="endpoint"/> (null for world faults), or an error naming what fits.</summary>
    public static IFaultEffect For(FaultSpec spec, ITwinEndpoint? endpoint, BeamlineWorld? world) => (spec.Kind, endpoint) switch
    {
        (FaultKind.Drop, ElmoTwinEndpoint e) => Fraction(e.Server.Link, spec.Number("percent", 100) / 100, drop: true, spec.Name),
        (FaultKind.Garble, ElmoTwinEndpoint e) => Fraction(e.Server.Link, spec.Number("percent", 10) / 100, drop: false, spec.Name),
        (FaultKind.Garble, KeithleyTwinEndpoint k) => Fraction(LinkOf(k), spec.Number("percent", 10) / 100, drop: false, spec.Name),
        (FaultKind.Disconnect, ElmoTwinEndpoint e) => Disconnect(e.Server.Link, spec.Name),
        (FaultKind.Disconnect, KeithleyTwinEndpoint k) => Disconnect(LinkOf(k), spec.Name),
        (FaultKind.Disconnect, DetectorTwinEndpoint d) => Disconnect(d.Link, spec.Name),
        (FaultKind.Stall, ElmoTwinEndpoint e) => new FaultEffect(e.Drive.Stall, e.Drive.ReleaseStall),
        (FaultKind.FollowingError, ElmoTwinEndpoint e) => new FaultEffect(() => e.Drive.InjectFault(ElmoFault.FollowingError), () => { }),
        (FaultKind.MotorFault, ElmoTwinEndpoint e) => new FaultEffect(() => e.Drive.InjectFault(Amplifier(spec.Choice("code", "under_voltage"))), e.Drive.ClearFaults),
        (FaultKind.LimitSwitch, ElmoTwinEndpoint e) => Limit(e.Drive, spec.Choice("side", "forward") == "reverse" ? ElmoInput.ReverseLimit : ElmoInput.ForwardLimit),
        (FaultKind.ScpiError, KeithleyTwinEndpoint k) => KeithleyFaultEffects.Refuse(spec, k),
        (FaultKind.Overflow, KeithleyTwinEndpoint k) => KeithleyFaultEffects.Overflow(k),
        (FaultKind.DiskFull, DetectorTwinEndpoint d) => new FaultEffect(() => d.Detector.Writer.DiskFull = true, () => d.Detector.Writer.DiskFull = false),
        (FaultKind.Delay, ElmoTwinEndpoint e) => Delay(e.Server.Link, spec),
        (FaultKind.Delay, KeithleyTwinEndpoint k) => Delay(LinkOf(k), spec),
        (FaultKind.Delay, DetectorTwinEndpoint d) => Delay(d.Link, spec),
        (FaultKind.Duplicate, ElmoTwinEndpoint e) => Duplicate(e.Server.Link, spec),
        (FaultKind.Split, ElmoTwinEndpoint e) => Split(e.Server.Link, spec),
        (FaultKind.Split, KeithleyTwinEndpoint k) => Split(LinkOf(k), spec),
        (FaultKind.Reorder, ElmoTwinEndpoint e) => Reorder(e.Server.Link, spec),
        (FaultKind.BeamLoss, null) when world is not null => Intensity(world, 0),
        (FaultKind.IntensityDrop, null) when world is not null => Intensity(world, spec.Number("factor", 0.5)),
        (FaultKind.DroppedFrames, DetectorTwinEndpoint d) => Loss(d, spec.Number("percent", 100) / 100, spec.Name),
        (FaultKind.SlowDisk, DetectorTwinEndpoint d) => SlowDisk(d, TimeSpan.FromMilliseconds(spec.Number("ms", 100))),
        (FaultKind.TopUp, null) when world is not null => TopUp(world, spec.Number("factor", 1)),
        (FaultKind.BeamLoss or FaultKind.IntensityDrop or FaultKind.TopUp, _) => throw new ArgumentException(
            $"fault {spec.Name}: a {spec.Kind} fault hits the world, and {(world is null ? "this beamline has no class: world entry" : $"'{spec.Device}' is a device")}"),
        _ => throw new ArgumentException(
            $"fault {spec.Name}: a {spec.Kind} fault cannot hit '{spec.Device}' ({endpoint?.Description ?? "no such device"}); see docs/world.md#faults for what each type hits"),
    };

    private static LinkFaults LinkOf(KeithleyTwinEndpoint k) =>
        k.Noise.Link ?? throw new InvalidOperationException($"{k.Name}: its line was built without link faults");

    // The fault's name goes with the fraction so a wire transcript can say which fault lost or garbled a request.
    private static IFaultEffect Fraction(LinkFaults link, double fraction, bool drop, string name) => drop
        ? Swap(() => (link.DropFraction, link.DropCause), v => (link.DropFraction, link.DropCause) = v, (fraction, name))
        : Swap(() => (link.GarbleFraction, link.GarbleCause), v => (link.GarbleFraction, link.GarbleCause) = v, (fraction, name));

    private static IFaultEffect Delay(LinkFaults l, FaultSpec spec) =>
        Swap(() => (l.Delay, l.DelayCause), v => (l.Delay, l.DelayCause) = v, (Milliseconds(spec, "ms", 200), spec.Name));

    private static IFaultEffect Duplicate(LinkFaults l, FaultSpec spec) =>
        Swap(() => (l.DuplicateFraction, l.DuplicateCause), v => (l.DuplicateFraction, l.DuplicateCause) = v, (spec.Number("percent", 100) / 100, spec.Name));

    private static IFaultEffect Split(LinkFaults l, FaultSpec spec) =>
        Swap(() => (l.SplitParts, l.SplitGap, l.SplitCause), v => (l.SplitParts, l.SplitGap, l.SplitCause) = v,
            ((int)Math.Clamp(spec.Number("parts", 2), 2, 16), Milliseconds(spec, "gap_ms", 1), spec.Name));

    private static IFaultEffect Reorder(LinkFaults l, FaultSpec spec) =>
        Swap(() => (l.ReorderFraction, l.ReorderHold, l.ReorderCause), v => (l.ReorderFraction, l.ReorderHold, l.ReorderCause) = v,
            (spec.Number("percent", 100) / 100, Milliseconds(spec, "ms", 100), spec.Name));

    // Sets a value while the fault holds; clearing restores what was there before (a later fault of the same kind overrides).
    private static IFaultEffect Swap<T>(Func<T> get, Action<T> set, T value)
    {
        var before = get();
        return new FaultEffect(() => { before = get(); set(value); }, () => set(before));
    }

    private static TimeSpan Milliseconds(FaultSpec spec, string key, double fallback) => TimeSpan.FromMilliseconds(Math.Clamp(spec.Number(key, fallback), 0, 60000));

    private static IFaultEffect Disconnect(LinkFaults link, string name) => new FaultEffect(() => link.Disconnect(name), () => link.Reconnect(name));

    private static IFaultEffect Limit(ElmoDrive drive, ElmoInput input) => new FaultEffect(() => drive.SetInput(input, true), () => drive.SetInput(input, false));

    private static IFaultEffect Intensity(BeamlineWorld world, double factor)
    {
        var overlay = -1;
        return new FaultEffect(() => overlay = world.Source.Begin(world.Now, factor), () => world.Source.End(overlay, world.Now));
    }

    private static IFaultEffect Loss(DetectorTwinEndpoint d, double fraction, string name) =>
        Swap(() => d.Detector.Writer.Loss, v => d.Detector.Writer.Loss = v, new Testbed.Twin.Detector.Files.FrameLoss(d.Name, fraction, name));

    private static IFaultEffect SlowDisk(DetectorTwinEndpoint d, TimeSpan extra) =>
        Swap(() => d.Detector.Writer.ExtraWriteTime, v => d.Detector.Writer.ExtraWriteTime = v, extra);

    // The refill stays in the source's history; the gate (factor) is an overlay like an intensity drop.
    private static IFaultEffect TopUp(BeamlineWorld world, double factor)
    {
        var overlay = -1;
        return new FaultEffect(
            () =>
            {
                var now = world.Now;
                world.Source.TopUp(now);
                overlay = world.Source.Begin(now, factor);
            },
            () => world.Source.End(overlay, world.Now));
    }

    private static ElmoFault Amplifier(string code) => code switch
    {
        "over_voltage" => ElmoFault.OverVoltage,
        "short_circuit" => ElmoFault.ShortCircuit,
        "over_temperature" => ElmoFault.OverTemperature,
        "safety_alarm" => ElmoFault.SafetyAlarm,
        _ => ElmoFault.UnderVoltage,
    };
}
