using System.Globalization;
using StackExchange.Redis;

namespace Testbed.Blissdata.Reading;

/// <summary>One entry of a data stream: first point index, number of points and payload — or the seal with the final length.</summary>
internal readonly record struct StreamEntry(long Index, int Len, ReadOnlyMemory<byte> Payload, bool IsSeal)
{
    /// <summary>One past the last point of this entry (for the seal: the stream length).</summary>
    public long End => Index + Len;

    public static StreamEntry From(StackExchange.Redis.StreamEntry e, string key)
    {
        var id = e.Id.ToString();
        if (id == Protocol.SealId)
        {
            var total = e["id"];
            if (total.IsNull || !long.TryParse(total.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                throw new BlissdataException($"{key}: seal entry without an integer 'id' field");
            return new StreamEntry(n, 0, default, true);
        }
        var (ms, _) = StreamIds.Split(id);
        if (ms > long.MaxValue) throw new BlissdataException($"{key}: entry {id} starts beyond the largest point index");
        var len = 1;
        RedisValue payload = RedisValue.Null;
        foreach (var f in e.Values)
        {
            if (f.Name == "payload") payload = f.Value;
            else if (f.Name == "len" && !(int.TryParse(f.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out len) && len >= 1))
                throw new BlissdataException($"{key}: entry {id} has 'len' {f.Value}, not a point count ≥ 1");
        }
        if (payload.IsNull) throw new BlissdataException($"{key}: entry {id} has no 'payload' field");
        if ((long)ms > long.MaxValue - len) throw new BlissdataException($"{key}: entry {id} with {len} points ends beyond the largest point index");
        return new StreamEntry((long)ms, len, (ReadOnlyMemory<byte>)payload, false);
    }
}
