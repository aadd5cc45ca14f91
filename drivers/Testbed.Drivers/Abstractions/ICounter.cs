namespace Testbed.Drivers.Abstractions;

/// <summary>A counter the scan stack reads once per point: a picoammeter, a scaler channel, a diode.</summary>
public interface ICounter : IAsyncDisposable
{
    /// <summary>The counter's name in the beamline file (BLISS's sensor/counter name).</summary>
    string Name { get; }

    /// <summary>The controller entry the counter belongs to (BLISS's full counter name is <c>controller:counter</c>).</summary>
    string Controller { get; }

    /// <summary>Unit of <see cref="CounterReading.Value"/>, e.g. "A".</summary>
    string Unit { get; }

    /// <summary>Opens the line and configures the device (idempotent; <see cref="ReadAsync"/> calls it when needed).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes one new reading. Failures throw <see cref="DeviceException"/> naming device, address, command and last bytes.</summary>
    Task<CounterReading> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>One reading of a counter.</summary>
/// <param name="Value">The measurement; NaN when the device reported its overflow or invalid marker instead.</param>
/// <param name="Unit">The unit of <paramref name="Value"/>.</param>
/// <param name="Status">Whether it is a measurement.</param>
/// <param name="Problem">For a reading that is not <see cref="CounterStatus.Ok"/>: one line saying what the device sent, which device, its
/// address (for a warning in the log); null otherwise.</param>
public readonly record struct CounterReading(double Value, string Unit, CounterStatus Status = CounterStatus.Ok, string? Problem = null)
{
    public bool IsValid => Status == CounterStatus.Ok;
}

/// <summary>Whether a reading is a measurement or the device's overflow/invalid marker.</summary>
public enum CounterStatus
{
    Ok,
    Overflow,
    Invalid,
}
