using Testbed.Twin.Clock;

namespace Testbed.Twin.Host.Control;

/// <summary>The twin's control ("backdoor") API, in process: devices and their simulated state, setting it, the clock, metrics.</summary>
/// <remarks>Tests, scenarios and the HTTP layer (<see cref="ControlHttpServer"/>) all go through this class. It works on the
/// models' own thread-safe members, never on their private fields, and is separate from every device protocol.
/// Fault injection (a timeline of typed faults) is its own part, <see cref="Faults"/>, and so are the wire transcripts, <see cref="Transcripts"/>.</remarks>
public sealed class TwinControl
{
    private readonly IReadOnlyList<ControlledDevice> _devices;
    private readonly TimeProvider _clock;

    public TwinControl(ServedBeamline served)
    {
        ArgumentNullException.ThrowIfNull(served);
        _devices = ControlledDevices.Of(served);
        _clock = served.Clock;
        Faults = new FaultControl(served);
        Transcripts = new TranscriptControl(served);
    }

    /// <summary>The faults: list, types, inject, clear.</summary>
    public FaultControl Faults { get; }

    /// <summary>The wire transcripts: each endpoint's last exchanges and how many it keeps.</summary>
    public TranscriptControl Transcripts { get; }

    public IReadOnlyList<DeviceSummary> Devices() => [.. _devices.Select(d => new DeviceSummary(d.Name, d.Kind, d.Address, d.Description))];

    /// <summary>The device's state now; an unknown name is refused naming the known ones.</summary>
    public DeviceReport Get(string device)
    {
        var d = Find(device);
        return new DeviceReport(d.Name, d.Kind, d.Address, d.State(), d.SettableKeys);
    }

    /// <summary>Sets <paramref name="key"/> of <paramref name="device"/> and returns the state that results.</summary>
    public DeviceReport Set(string device, string key, ControlValue value)
    {
        Find(device).Set(key, value);
        return Get(device);
    }

    public ClockReport Clock()
    {
        if (_clock is not SimulationClock c) return new ClockReport(0, false, 1, _clock.GetUtcNow(), 0);
        return new ClockReport(c.Elapsed.TotalSeconds, c.IsPaused, c.Rate, c.GetUtcNow(), c.PendingDueTimes.Count);
    }

    /// <summary>Stops virtual time: motion, conversions and exposures stand still until resumed or stepped.</summary>
    public ClockReport Pause()
    {
        Simulation().Pause();
        return Clock();
    }

    public ClockReport Resume()
    {
        Simulation().Resume();
        return Clock();
    }

    /// <summary>Moves virtual time forward by exactly <paramref name="duration"/>, firing every timer due on the way.</summary>
    public ClockReport Step(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ControlException(ControlProblem.BadValue, $"step: {duration.TotalSeconds} s is negative; virtual time only goes forward");
        Simulation().Advance(duration);
        return Clock();
    }

    /// <summary>Virtual seconds per real second.</summary>
    public ClockReport SetRate(double rate)
    {
        if (!(rate > 0) || double.IsInfinity(rate)) throw new ControlException(ControlProblem.BadValue, $"rate: {rate} is not a positive number of virtual seconds per real second");
        Simulation().Rate = rate;
        return Clock();
    }

    /// <summary>Requests, errors and latency of every endpoint on its device protocol.</summary>
    public IReadOnlyList<EndpointMetricsReport> Metrics() =>
        [.. _devices.Where(d => d.Metrics is not null).Select(d => new EndpointMetricsReport(d.Name, d.Kind, d.Address, d.Metrics!.Snapshot()))];

    private ControlledDevice Find(string name) =>
        _devices.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
        ?? throw new ControlException(ControlProblem.NotFound, $"no device '{name}'; devices: {string.Join(", ", _devices.Select(d => d.Name))}");

    private SimulationClock Simulation() => _clock as SimulationClock
        ?? throw new ControlException(ControlProblem.Conflict, "this twin runs on a clock that cannot be paused or stepped; serve it with a simulation clock (testbed twin serve does)");
}
