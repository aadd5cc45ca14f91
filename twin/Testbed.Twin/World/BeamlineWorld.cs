namespace Testbed.Twin.World;

/// <summary>The coupled beamline: axes move (read from the drive models), the beam and the sample respond, and every device sees
/// its signal; evaluated analytically at query time, in virtual time, so results do not depend on host load.</summary>
/// <remarks>A signal is the source's intensity at a time times a factor of the positions now; devices integrate the first over
/// their own window (a picoammeter's NPLC, a detector's exposure) and add their own counting noise.</remarks>
public sealed class BeamlineWorld
{
    private readonly IAxisPositions _positions;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _origin;
    private readonly object _gate = new();
    private readonly Dictionary<string, double> _offsets = new(StringComparer.Ordinal);
    private long _evaluations;
    private Response[] _sample;
    private Response[] _rocking;

    public BeamlineWorld(WorldSettings settings, IAxisPositions positions, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(clock);
        Settings = settings;
        _positions = positions;
        _clock = clock;
        _origin = clock.GetUtcNow();
        Source = new Source(settings.Source);
        _sample = [.. settings.Sample];
        _rocking = [.. settings.Rocking];
    }

    /// <summary>The response groups the control API can change: <c>sample</c> and <c>rocking</c>.</summary>
    public static IReadOnlyList<string> ResponseGroups { get; } = ["sample", "rocking"];

    public WorldSettings Settings { get; }

    /// <summary>The first axis the world reads that no drive has (null when all are there); checked once every drive is built.</summary>
    public string? MissingAxis => Settings.Axes.FirstOrDefault(a => !_positions.Axes.Contains(a));

    public Source Source { get; }

    /// <summary>Virtual time since the world started (the time source overlays and noise are keyed by).</summary>
    public TimeSpan Now => _clock.GetUtcNow() - _origin;

    /// <summary>Signal evaluations so far (benchmarks, metrics).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Moves the sample under the beam without moving an axis (a scenario's "sample is 0.2 mm off"): the world sees
    /// <paramref name="axis"/> at its position + <paramref name="offset"/>.</summary>
    public void SetSampleOffset(string axis, double offset)
    {
        if (!_positions.Axes.Contains(axis)) throw new ArgumentException($"no axis '{axis}'; axes: {string.Join(", ", _positions.Axes)}");
        lock (_gate) _offsets[axis] = offset;
    }

    /// <summary>The sample offsets set so far, by axis.</summary>
    public IReadOnlyDictionary<string, double> SampleOffsets
    {
        get { lock (_gate) return new Dictionary<string, double>(_offsets, StringComparer.Ordinal); }
    }

    /// <summary>The factors of <paramref name="group"/> (<c>sample</c> or <c>rocking</c>) as they stand now.</summary>
    public IReadOnlyList<Response> Responses(string group) => Volatile.Read(ref Group(group));

    /// <summary>Replaces factor <paramref name="index"/> of <paramref name="group"/> (a scenario's "the peak moved to 0.5"): the devices
    /// see it from their next reading. Its shape and axes stay those of the file.</summary>
    public void SetResponse(string group, int index, Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (_gate)
        {
            ref var slot = ref Group(group);
            if (index < 0 || index >= slot.Length)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the world's {group} has {slot.Length} factor(s), numbered from 0");
            var old = slot[index];
            if (response.Shape != old.Shape || !response.Axes.SequenceEqual(old.Axes))
                throw new ArgumentException($"{group}[{index}] is a {old.Shape.ToString().ToLowerInvariant()} along {string.Join(", ", old.Axes)}; its shape and axes cannot change", nameof(response));
            if (!(response.Width > 0)) throw new ArgumentOutOfRangeException(nameof(response), response.Width, "a width must be positive");
            var copy = (Response[])slot.Clone();
            copy[index] = response;
            Volatile.Write(ref slot, copy);
        }
    }

    private ref Response[] Group(string group)
    {
        if (group == "sample") return ref _sample;
        if (group == "rocking") return ref _rocking;
        throw new ArgumentException($"no response group '{group}'; groups: {string.Join(", ", ResponseGroups)}", nameof(group));
    }

    /// <summary>The position-dependent factor of <paramref name="signal"/>, now.</summary>
    public double Geometry(string signal)
    {
        Interlocked.Increment(ref _evaluations);
        var at = Position;
        return signal switch
        {
            "source" => 1,
            "i0" => Slits(at),
            "transmitted" => Slits(at) * Product(Volatile.Read(ref _sample), at),
            "diffracted" => Slits(at) * Product(Volatile.Read(ref _sample), at) * Product(Volatile.Read(ref _rocking), at),
            _ => throw new ArgumentException($"no world signal '{signal}'; signals: {string.Join(", ", WorldSettings.Signals)}", nameof(signal)),
        };
    }

    /// <summary><paramref name="signal"/> at virtual time <paramref name="t"/> since the world started (positions now).</summary>
    public double Signal(string signal, TimeSpan t) => Source.At(t) * Geometry(signal);

    /// <summary><paramref name="signal"/> at the clock's <paramref name="time"/> (positions now).</summary>
    public double Signal(string signal, DateTimeOffset time) => Signal(signal, time - _origin);

    /// <summary>The mean of <paramref name="signal"/> over a window starting at <paramref name="start"/> (a device's integration).</summary>
    public double MeanSignal(string signal, DateTimeOffset start, TimeSpan window) => Source.Mean(start - _origin, window) * Geometry(signal);

    /// <summary>Every signal and every axis the world reads, now (the control API's view).</summary>
    public WorldSnapshot Snapshot()
    {
        var now = Now;
        return new WorldSnapshot(now, WorldSettings.Signals.ToDictionary(s => s, s => Signal(s, now)),
            Settings.Axes.ToDictionary(a => a, Position));
    }

    private double Position(string axis)
    {
        double offset;
        lock (_gate) offset = _offsets.GetValueOrDefault(axis);
        return _positions.Position(axis) + offset;
    }

    private double Slits(Func<string, double> at) => Settings.Slits?.Transmission(at) ?? 1;

    private static double Product(IReadOnlyList<Response> factors, Func<string, double> at)
    {
        var p = 1.0;
        foreach (var f in factors) p *= f.At(at);
        return p;
    }
}

/// <summary>The world at one moment: signals (relative to the nominal source) and the positions it read.</summary>
public sealed record WorldSnapshot(TimeSpan Time, IReadOnlyDictionary<string, double> Signals, IReadOnlyDictionary<string, double> Positions);
