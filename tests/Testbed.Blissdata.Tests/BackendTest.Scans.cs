using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Tests;

/// <summary>Shortcuts: a started scan with given streams, and its reader on another client.</summary>
public abstract partial class BackendTest
{
    protected Task<(PublishedScan Scan, DataStreamWriter[] Writers, Scan Reader)> StartedScanAsync(DataStore store, params StreamDefinition[] streams) =>
        StartedScanAsync(store, null, streams);

    /// <summary>A started scan whose reader's client runs on <paramref name="readerTime"/> (e.g. a paused clock that steps its polls).</summary>
    protected async Task<(PublishedScan Scan, DataStreamWriter[] Writers, Scan Reader)> StartedScanAsync(DataStore store, TimeProvider? readerTime, params StreamDefinition[] streams)
    {
        var scan = await store.CreateScanAsync(Identity());
        var writers = streams.Select(scan.CreateStream).ToArray();
        await scan.PrepareAsync();
        await scan.StartAsync();
        var other = await OtherClientAsync(readerTime);
        var reader = await other.LoadScanAsync(scan.Key);
        return (scan, writers, reader);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON without HTML escaping, for comparing stored documents with the spec's text.</summary>
    protected static string J(System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString(Relaxed) ?? "null";

    protected static StreamDefinition F8(string name) => StreamDefinition.Scalar(name, DType.Float64);
}
