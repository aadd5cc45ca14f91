using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Testbed.Blissdata.Reading;
using Testbed.Dashboard.Frames;
using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Checks;

/// <summary>A scan reduced to digests: each stream's point count and SHA-256 of its values — numbers as published (dtype and bytes), JSON as
/// its text, detector frames as their pixels read back from the files (the references name run-specific paths; the pixels do not).</summary>
internal static class Digests
{
    public static async Task<ScanDigest> OfAsync(ScanData data)
    {
        var streams = new SortedDictionary<string, StreamDigest>(StringComparer.Ordinal);
        foreach (var stream in data.Scan.Streams.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            streams[stream.Name] = await OfAsync(stream);
        return new ScanDigest(streams);
    }

    private static async Task<StreamDigest> OfAsync(ScanStream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long points;
        if (stream.Plugin == "lima")
        {
            points = await FrameReader.ReadableAsync(stream);
            for (long i = 0; i < points; i++)
            {
                var frame = await FrameReader.ReadAsync(stream, i);
                hash.AppendData(BitConverter.GetBytes(frame.Width));
                hash.AppendData(BitConverter.GetBytes(frame.Height));
                hash.AppendData(MemoryMarshal.AsBytes(frame.Pixels.AsSpan()));
            }
        }
        else
        {
            var data = await stream.GetSliceAsync(0);
            points = data.Count;
            foreach (var array in data.Arrays)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(array.DType.ToString()));
                hash.AppendData(array.Bytes.Span);
            }
            foreach (var value in data.Values) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"));
        }
        return new StreamDigest(points, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The streams whose digests differ between <paramref name="expected"/> and <paramref name="actual"/>, one phrase each.</summary>
    public static IReadOnlyList<string> Differences(ScanDigest expected, ScanDigest actual)
    {
        var diffs = new List<string>();
        foreach (var (name, e) in expected.Streams)
        {
            if (!actual.Streams.TryGetValue(name, out var a)) diffs.Add($"{name} is missing");
            else if (a.Points != e.Points) diffs.Add($"{name} has {a.Points} points, the golden {e.Points}");
            else if (a.Sha256 != e.Sha256) diffs.Add($"{name} differs ({a.Sha256[..12]}…, golden {e.Sha256[..12]}…)");
        }
        diffs.AddRange(actual.Streams.Keys.Except(expected.Streams.Keys).Select(n => $"{n} is new (not in the golden)"));
        return diffs;
    }
}
