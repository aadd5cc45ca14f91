using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Info;
using Testbed.Blissdata.Publishing;

namespace Testbed.Bench.Writer;

/// <summary>The measured scan: a positioner, <c>channels</c> float64 counters and one float64 spectrum per point, published complete
/// (closed) before timing so the writer's time is reading and writing only; the same values feed the raw reference.</summary>
internal sealed class WriterScan(int points, int channels, int bins)
{
    /// <summary>Channel data in memory: (name, values, point shape), in stream order.</summary>
    public IReadOnlyList<(string Name, double[] Values, int[] Shape)> Data { get; } = Make(points, channels, bins);

    public double Megabytes => Data.Sum(d => d.Values.Length) * 8 / 1e6;

    private static List<(string, double[], int[])> Make(int points, int channels, int bins)
    {
        var data = new List<(string, double[], int[])> { ("axis:x", [.. Enumerable.Range(0, points).Select(i => i * 0.001)], []) };
        for (var c = 0; c < channels; c++)
            data.Add(($"ctr:c{c}", [.. Enumerable.Range(0, points).Select(i => Math.Sin(i * 0.01 + c))], []));
        data.Add(("mca:spectrum", [.. Enumerable.Range(0, points * bins).Select(k => (double)(k % 977))], [bins]));
        return data;
    }

    /// <summary>Publishes the scan with filename <paramref name="file"/>, sealed and closed; returns its key.</summary>
    public async Task<string> PublishAsync(DataStore store, string file, long number)
    {
        var identity = new ScanIdentity("ascan", number, "no_policy") { Session = "bench_writer", Path = file };
        var b = new ScanInfoBuilder(identity, "ascan x 0 1 10 0.1", points, TimeProvider.System, save: true, filename: file)
            .Device("axis", ["axis:x"], triggered: ["timer"])
            .Device("timer", [], triggered: ["ctr", "mca"])
            .Device("ctr", [.. Data.Where(d => d.Name.StartsWith("ctr:", StringComparison.Ordinal)).Select(d => d.Name)])
            .Device("mca", ["mca:spectrum"])
            .Chain("axis", ["timer", "ctr", "mca"]);
        var scan = await store.CreateScanAsync(identity, b.Build());
        var writers = Data.Select(d => scan.CreateStream(StreamDefinition.Numeric(d.Name, DType.Float64, d.Shape))).ToList();
        await scan.PrepareAsync();
        await scan.StartAsync();
        const int Batch = 1000;
        for (var i = 0; i < points; i += Batch)
        {
            var n = Math.Min(Batch, points - i);
            for (var k = 0; k < Data.Count; k++)
            {
                var (_, values, shape) = Data[k];
                var per = shape.Length == 0 ? 1 : shape[0];
                var slice = values.AsSpan(i * per, n * per);
                await writers[k].SendAsync(NdArray.From<double>(slice, [n, .. shape]));
            }
        }
        await scan.StopAsync();
        await scan.CloseAsync();
        return scan.Key;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{points} points × ({channels + 1} scalars + {bins}-bin spectrum) float64, {Megabytes:F1} MB");
}
