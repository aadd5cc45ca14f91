using Testbed.Blissdata;
using Testbed.Blissdata.Reading;

namespace Testbed.Scenarios.Checks;

/// <summary>One published scan as blissdata holds it: its info and streams, channel names resolved the way a user writes them.</summary>
internal sealed class ScanData(Scan scan)
{
    private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);

    public Scan Scan { get; } = scan;

    public static async Task<ScanData> LoadAsync(DataStore store, string key) => new(await store.LoadScanAsync(key));

    /// <summary>blissdata's end_reason (SUCCESS, FAILURE, USER_ABORT …), or null before the end.</summary>
    public string? EndReason => Scan.Info["end_reason"]?.GetValue<string>();

    /// <summary>The stream a user means: its full name (<c>kctrl_diode:diode</c>) or its last part (<c>diode</c>) when that is unique.</summary>
    public ScanStream Stream(string channel)
    {
        if (Scan.Streams.TryGetValue(channel, out var exact)) return exact;
        var bySuffix = Scan.Streams.Values.Where(s => s.Name.EndsWith(":" + channel, StringComparison.Ordinal)).ToList();
        return bySuffix.Count == 1 ? bySuffix[0]
            : throw new ScenarioCheckException(bySuffix.Count == 0
                ? $"scan #{Scan.Number} has no stream '{channel}'; streams: {string.Join(", ", Scan.Streams.Keys.Order(StringComparer.Ordinal))}"
                : $"'{channel}' names {bySuffix.Count} streams of scan #{Scan.Number} ({string.Join(", ", bySuffix.Select(s => s.Name))}); write the full name");
    }

    /// <summary>The stream of motor <paramref name="motor"/> (BEC's axis channel), or of the scan's first motor.</summary>
    public ScanStream Motor(string? motor)
    {
        if (motor is not null) return Stream(motor);
        var first = Scan.Streams.Values.FirstOrDefault(s => s.Name.StartsWith("axis:", StringComparison.Ordinal))
            ?? throw new ScenarioCheckException($"scan #{Scan.Number} has no motor stream (axis:…); name the motor: to fit against");
        return first;
    }

    /// <summary>A scalar stream's values in point order.</summary>
    public async Task<double[]> ValuesAsync(ScanStream stream)
    {
        if (_values.TryGetValue(stream.Name, out var cached)) return cached;
        if (stream.Shape.Length != 0) throw new ScenarioCheckException($"stream {stream.Name} holds {stream.Shape.Length}-D points, not numbers; name a scalar channel");
        var values = (await stream.GetSliceAsync(0)).ToDoubles();
        _values[stream.Name] = values;
        return values;
    }

    /// <summary>Points in <paramref name="stream"/> (lima streams: frames announced).</summary>
    public static async Task<long> PointsAsync(ScanStream stream) =>
        stream.Info["lima_info"] is not null ? await Lima.LengthAsync(stream) : await stream.LengthAsync();
}

/// <summary>An assertion could not be evaluated as written (a stream that does not exist, a fit that does not converge); its message says why.</summary>
public sealed class ScenarioCheckException(string message) : Exception(message);
