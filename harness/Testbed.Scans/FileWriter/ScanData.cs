using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;

namespace Testbed.Scans.FileWriter;

/// <summary>A scan's readings gathered per device and signal, as the file writer stores them: monitored signals as one value and
/// timestamp per point, baseline signals as read once.</summary>
public sealed class ScanData
{
    private ScanData(BecMap content, IReadOnlyList<(string Device, string Signal, IReadOnlyList<BecValue> Values, IReadOnlyList<BecValue> Times)> columns)
    {
        Content = content;
        Columns = columns;
    }

    /// <summary>FileContentMessage.data: baseline devices {signal: {value, timestamp}}, monitored {signal: {value: [...], timestamp: [...]}}.</summary>
    public BecMap Content { get; }

    /// <summary>Every signal with its values (one per point; one for baseline signals).</summary>
    public IReadOnlyList<(string Device, string Signal, IReadOnlyList<BecValue> Values, IReadOnlyList<BecValue> Times)> Columns { get; }

    public static ScanData Of(IReadOnlyList<ScanMessage> segments, ScanBaselineMessage? baseline)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var content = new BecMap();
        var columns = new List<(string, string, IReadOnlyList<BecValue>, IReadOnlyList<BecValue>)>();
        if (baseline is not null)
            foreach (var (device, signals) in baseline.Data.Entries)
            {
                content.Add(device, signals);
                foreach (var (signal, reading) in ((BecMap)signals).Entries)
                    columns.Add((device.AsString(), signal.AsString(), [Field(reading, "value")], [Field(reading, "timestamp")]));
            }
        var order = new List<(string Device, string Signal)>();
        var values = new Dictionary<(string, string), (List<BecValue> V, List<BecValue> T)>();
        foreach (var segment in segments)
            foreach (var (device, signals) in segment.Data.Entries)
                foreach (var (signal, reading) in ((BecMap)signals).Entries)
                {
                    var key = (device.AsString(), signal.AsString());
                    if (!values.TryGetValue(key, out var col))
                    {
                        values[key] = col = ([], []);
                        order.Add(key);
                    }
                    col.V.Add(Field(reading, "value"));
                    col.T.Add(Field(reading, "timestamp"));
                }
        foreach (var device in order.Select(o => o.Device).Distinct())
        {
            var signals = new BecMap();
            foreach (var (_, signal) in order.Where(o => o.Device == device))
            {
                var (v, t) = values[(device, signal)];
                signals.Add(signal, new BecMap { ["value"] = new BecList(v), ["timestamp"] = new BecList(t) });
                columns.Add((device, signal, v, t));
            }
            if (!content.ContainsKey(device)) content.Add(device, signals);
        }
        return new ScanData(content, columns);
    }

    /// <summary>ScanHistoryMessage.stored_data_info: device → signal → {shape, dtype}, sorted by name as recorded.</summary>
    public BecMap StoredDataInfo()
    {
        var info = new BecMap();
        foreach (var device in Columns.Select(c => c.Device).Distinct().Order(StringComparer.Ordinal))
        {
            var signals = new BecMap();
            foreach (var c in Columns.Where(c => c.Device == device).OrderBy(c => c.Signal, StringComparer.Ordinal))
                signals.Add(c.Signal, new Bec.Messages.Scans.StoredDataInfo { Shape = [c.Values.Count], DType = DType(c.Values) });
            info.Add(device, signals);
        }
        return info;
    }

    /// <summary>The numpy dtype name of a column: float64, int64, bool, a numpy scalar's own, or object.</summary>
    public static string DType(IReadOnlyList<BecValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > 0 && values.All(v => v is NumpyScalar)) return ((NumpyScalar)values[0]).TypeName;
        if (values.All(v => v is BecBool)) return "bool";
        if (values.All(v => v is BecInt)) return "int64";
        if (values.All(v => v is BecInt or BecFloat or NumpyScalar)) return "float64";
        return "object";
    }

    private static BecValue Field(BecValue reading, string key) => (reading as BecMap)?.GetOrNull(key) ?? BecValue.Nil;
}
