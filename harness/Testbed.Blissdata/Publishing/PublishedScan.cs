using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Publishing;

/// <summary>A scan being published: streams, and the state transitions of §5 each written as one MULTI/EXEC.</summary>
public sealed partial class PublishedScan
{
    private readonly DataStore _store;
    private readonly string _identityPk;
    private readonly string _statePk;
    private readonly Dictionary<string, StreamModel> _streams = [];
    private readonly List<DataStreamWriter> _writers = [];
    private readonly Dictionary<string, string> _keysAtPrepare = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _publishedInfo = "";
    private ScanFailedException? _failure;
    private Task? _failureClose;

    private PublishedScan(DataStore store, ScanIdentity identity, JsonObject info)
    {
        _store = store;
        Pk = Ulid.New(store.Time);
        _identityPk = Ulid.New(store.Time);
        _statePk = Ulid.New(store.Time);
        Identity = identity;
        Info = info;
    }

    public string Pk { get; }

    public string Key => Protocol.ScanPrefix + Pk;

    public string StateKey => Protocol.StreamPrefix + _statePk;

    public ScanIdentity Identity { get; }

    /// <summary>The scan_info (§8). Change it before <see cref="PrepareAsync"/> or before <see cref="CloseAsync"/> only.</summary>
    public JsonObject Info { get; }

    public ScanState State { get; private set; } = ScanState.Created;

    public IReadOnlyList<DataStreamWriter> Writers => _writers;

    /// <summary>The history entry id of the creation ("timetag").</summary>
    public string Timetag { get; private set; } = "";

    /// <summary>Null, or completes once a scan failed by a Redis outage was closed with end_reason FAILURE.</summary>
    public Task? FailureClosed => _failureClose;

    internal static async Task<PublishedScan> CreateAsync(DataStore store, ScanIdentity identity, JsonObject info)
    {
        var scan = new PublishedScan(store, identity, info);
        var (doc, infoText) = scan.BuildDocument();
        var tx = store.Database.CreateTransaction();
        _ = store.Documents.QueueSet(tx, scan.Key, doc);
        var history = tx.StreamAddAsync(Protocol.HistoryKey, "key", scan.Key, maxLength: Protocol.HistoryMaxLength, useApproximateMaxLength: true);
        _ = tx.StreamAddAsync(scan.StateKey, "state", (int)ScanState.Created);
        try
        {
            if (!await tx.ExecuteAsync()) throw new BlissdataException($"creating scan {scan.Key} on {store.Url}: the transaction was not executed");
        }
        catch (Exception e) when (RedisOutage.IsTransient(e))
        {
            throw new BlissdataException($"cannot create a scan: Redis at {store.Url} does not answer ({e.Message})", e);
        }
        scan.Timetag = (await history).ToString();
        scan._publishedInfo = infoText;
        return scan;
    }

    /// <summary>Adds a stream to the local document (published at the next transition) and returns its writer.</summary>
    public DataStreamWriter CreateStream(StreamDefinition definition)
    {
        ThrowIfFailed();
        if (State >= ScanState.Stopped)
            throw new UnauthorizeStateTransitionException($"scan {Key} is {State}: streams can only be added before STOPPED (and should be before PREPARED)");
        if (_streams.ContainsKey(definition.Name))
            throw new ArgumentException($"scan {Key} already has a stream named '{definition.Name}'");
        var model = new StreamModel(Ulid.New(_store.Time), definition.Encoding, (JsonObject)PythonJson.Sanitize(definition.Info)!);
        _streams[definition.Name] = model;
        foreach (var (k, v) in definition.KeysAtPrepare) _keysAtPrepare[k] = v;
        var writer = new DataStreamWriter(_store, this, definition.Name, model);
        _writers.Add(writer);
        return writer;
    }

    public Task PrepareAsync() => TransitionAsync(ScanState.Prepared, null);

    public Task StartAsync() => TransitionAsync(ScanState.Started, null);

    /// <summary>Seals every stream written by this scan, then writes STOPPED.</summary>
    public Task StopAsync() => TransitionAsync(ScanState.Stopped, null);

    /// <summary>Seals remaining streams, sets <c>end_time</c> and <c>end_reason</c>, writes CLOSED (allowed from any state).</summary>
    public Task CloseAsync(string endReason = EndReason.Success) => TransitionAsync(ScanState.Closed, endReason);

    internal void ThrowIfFailed()
    {
        if (_failure is not null) throw new ScanFailedException($"scan {Key} failed: {_failure.Message}", _failure);
    }

    private (string Doc, string InfoText) BuildDocument()
    {
        var info = (JsonObject)PythonJson.Sanitize(Info)!;
        var infoText = PythonJson.Dumps(info);
        if (infoText.Length > Protocol.MaxInfoCharacters)
            throw new EncodingException($"Scan JSON metadata is taking {infoText.Length} characters (limit 1MB = {Protocol.MaxInfoCharacters}) in scan {Key}; move big arrays to streams");
        var doc = new ScanDocument(Pk, _identityPk, Identity, info, _statePk, _streams);
        return (doc.Serialize(), infoText);
    }

    /// <summary>Now as ISO-8601 with microseconds and UTC offset, like Python's <c>datetime.now().astimezone().isoformat()</c>.</summary>
    public static string IsoNow(TimeProvider time) =>
        time.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
}
