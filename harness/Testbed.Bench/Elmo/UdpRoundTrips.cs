using System.Net;
using System.Net.Sockets;

namespace Testbed.Bench.Elmo;

/// <summary>Closed-loop request/reply clients on UDP: each sends a request, waits for the reply, and records the round trip.</summary>
internal static class UdpRoundTrips
{
    public delegate bool ReplyCheck(ReadOnlySpan<byte> reply);

    /// <summary>Round trips (µs) of one slice, its length, and requests without a reply (lost) or with a wrong one (bad).</summary>
    public sealed record Slice(double[] RoundTrips, double Seconds, long Lost, long Bad);

    /// <summary>Rate, median and 99th percentile over several slices.</summary>
    public readonly record struct Summary(double Rate, double P50, double P99, long Lost, long Bad);

    public static Summary Summarize(IReadOnlyList<Slice> slices)
    {
        var all = slices.SelectMany(s => s.RoundTrips).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new Summary(all.Length / slices.Sum(s => s.Seconds), Percentile(0.50), Percentile(0.99), slices.Sum(s => s.Lost), slices.Sum(s => s.Bad));
    }

    /// <summary><paramref name="clients"/> threads, each on its own socket, for <paramref name="duration"/>.</summary>
    public static Slice Measure(TimeProvider time, IPEndPoint server, byte[] request, int clients, TimeSpan duration, ReplyCheck check)
    {
        var samples = new List<double>[clients];
        var lost = new long[clients];
        var bad = new long[clients];
        var start = time.GetTimestamp();
        var threads = Enumerable.Range(0, clients).Select(i => new Thread(() =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(server);
            socket.ReceiveTimeout = 1000;
            var buffer = new byte[2048];
            var mine = new List<double>(1 << 16);
            while (time.GetElapsedTime(start) < duration)
            {
                var sent = time.GetTimestamp();
                socket.Send(request);
                int n;
                try { n = socket.Receive(buffer); }
                catch (SocketException) { lost[i]++; continue; }
                mine.Add(time.GetElapsedTime(sent).TotalMicroseconds);
                if (!check(buffer.AsSpan(0, n))) bad[i]++;
            }
            samples[i] = mine;
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = time.GetElapsedTime(start).TotalSeconds;
        return new Slice([.. samples.SelectMany(s => s)], elapsed, lost.Sum(), bad.Sum());
    }
}
