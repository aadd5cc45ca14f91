using StackExchange.Redis;
using Testbed.Blissdata;

namespace Testbed.Bench.Blissdata;

/// <summary>The raw references: pipelined XADD of the publisher's payloads, and XREAD of them without decoding.</summary>
internal static class RawStreams
{
    /// <summary>Every entry to every key, all XADDs in flight at once.</summary>
    public static async Task<TimeSpan> WriteAsync(TimeProvider time, DataStore store, IReadOnlyList<string> keys, IReadOnlyList<(byte[] Payload, int Len)> entries)
    {
        var db = store.Database;
        var start = time.GetTimestamp();
        var tasks = new List<Task>(keys.Count * entries.Count);
        foreach (var key in keys)
        {
            long index = 0;
            foreach (var (payload, len) in entries)
            {
                NameValueEntry[] fields = len > 1 ? [new("payload", payload), new("len", len)] : [new("payload", payload)];
                tasks.Add(db.StreamAddAsync(key, fields, $"{index}-1"));
                index += len;
            }
        }
        await Task.WhenAll(tasks);
        return time.GetElapsedTime(start);
    }

    /// <summary>The reader's own wire traffic without decoding: XREAD COUNT 100 over all streams until each is exhausted.</summary>
    public static async Task<TimeSpan> ReadAsync(TimeProvider time, DataStore store, IReadOnlyList<string> keys)
    {
        var db = store.Database;
        var start = time.GetTimestamp();
        var positions = keys.ToDictionary(k => k, _ => (RedisValue)"0-0");
        while (positions.Count > 0)
        {
            var got = await db.StreamReadAsync(positions.Select(kv => new StreamPosition(kv.Key, kv.Value)).ToArray(), 100);
            var full = new HashSet<string>();
            foreach (var rs in got)
            {
                if (rs.Entries.Length == 0) continue;
                positions[rs.Key!] = rs.Entries[^1].Id;
                if (rs.Entries.Length == 100) full.Add(rs.Key!);
            }
            foreach (var k in positions.Keys.Where(k => !full.Contains(k)).ToList()) positions.Remove(k);
        }
        return time.GetElapsedTime(start);
    }
}
