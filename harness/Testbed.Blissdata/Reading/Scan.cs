using StackExchange.Redis;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Reading;

/// <summary>A scan loaded for reading: identity, info, state, and its streams once PREPARED (§5.3).</summary>
public sealed class Scan
{
    private string _lastStateId;

    private Scan(DataStore store, string key, ScanDocument doc, ScanState state, string lastStateId)
    {
        Store = store;
        Key = key;
        Document = doc;
        State = state;
        _lastStateId = lastStateId;
        Streams = BuildStreams();
    }

    public DataStore Store { get; }

    public string Key { get; }

    public ScanState State { get; private set; }

    internal ScanDocument Document { get; private set; }

    public ScanIdentity Identity => Document.Identity;

    public string Name => Identity.Name;

    public long Number => Identity.Number;

    public string? Session => Identity.Session;

    public string? Path => Identity.Path;

    /// <summary>The scan_info dict (§8), as of the last state change seen.</summary>
    public JsonObject Info => Document.Info;

    /// <summary>Data streams by name; empty before PREPARED (readers only instantiate them from then on).</summary>
    public IReadOnlyDictionary<string, ScanStream> Streams { get; private set; }

    internal static async Task<Scan> LoadAsync(DataStore store, string key)
    {
        if (!key.StartsWith(Protocol.ScanPrefix, StringComparison.Ordinal))
            throw new ScanNotFoundException($"'{key}' is not a scan key (scan keys start with {Protocol.ScanPrefix})");
        var db = store.Database;
        var ttl = (long)await db.ExecuteAsync("TTL", key);
        if (ttl == -2) throw new ScanNotFoundException($"scan {key} does not exist on {store.Url} (deleted or wrong key)");
        if (ttl >= 0 && ttl <= Protocol.DeletedTtlSeconds) throw new ScanNotFoundException($"scan {key} on {store.Url} has been deleted");
        var (doc, state, id) = await ReadAsync(store, key);
        return new Scan(store, key, doc, state, id);
    }

    private static async Task<(ScanDocument, ScanState, string)> ReadAsync(DataStore store, string key)
    {
        while (true)
        {
            var json = await store.Documents.GetAsync(store.Database, key)
                       ?? throw new ScanNotFoundException($"scan {key} does not exist on {store.Url}");
            var doc = ScanDocument.Parse(json, key);
            var last = await store.Database.StreamRangeAsync(doc.StateKey, "-", "+", 1, Order.Descending);
            if (last.Length == 0) throw new ScanValidationException($"{key}: its state stream {doc.StateKey} is empty");
            // A transition between the two reads would pair the new state with the old document (a CLOSED scan without its
            // end_reason): the document is only taken when it is still the one of the state read after it.
            var again = await store.Documents.GetAsync(store.Database, key);
            if (again == json) return (doc, ParseState(last[0], key), last[0].Id.ToString());
        }
    }

    private static ScanState ParseState(StackExchange.Redis.StreamEntry e, string key)
    {
        var v = e["state"];
        if (v.IsNull || !int.TryParse(v.ToString(), out var s) || s is < 0 or > 4)
            throw new ScanValidationException($"{key}: state entry {e.Id} has no valid 'state' (0…4)");
        return (ScanState)s;
    }

    /// <summary>Waits for a new state (null: forever, zero: no wait); true when one came. False at once on a CLOSED scan.</summary>
    public async Task<bool> UpdateAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (State == ScanState.Closed) return false;
        var time = Store.Time;
        var deadline = timeout is { } t ? time.GetTimestamp() + (long)(t.TotalSeconds * time.TimestampFrequency) : long.MaxValue;
        while (true)
        {
            var entries = await Store.Database.StreamReadAsync(Document.StateKey, _lastStateId);
            if (entries.Length > 0)
            {
                var last = entries[^1];
                _lastStateId = last.Id.ToString();
                var json = await Store.Documents.GetAsync(Store.Database, Key)
                           ?? throw new ScanNotFoundException($"scan {Key} disappeared from {Store.Url}");
                Document = ScanDocument.Parse(json, Key);
                State = ParseState(last, Key);
                Streams = BuildStreams();
                return true;
            }
            if (time.GetTimestamp() >= deadline) return false;
            await Task.Delay(Store.Options.PollInterval, time, ct);
        }
    }

    /// <summary>Updates until the state is at least <paramref name="target"/>; false if the timeout passed first.</summary>
    public async Task<bool> WaitForStateAsync(ScanState target, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var time = Store.Time;
        var start = time.GetTimestamp();
        while (State < target)
        {
            TimeSpan? left = timeout is { } t ? t - time.GetElapsedTime(start) : null;
            if (left < TimeSpan.Zero) return false;
            if (!await UpdateAsync(left, ct) && State < target) return false;
        }
        return true;
    }

    private Dictionary<string, ScanStream> BuildStreams()
    {
        var streams = new Dictionary<string, ScanStream>();
        if (State < ScanState.Prepared) return streams;
        var saves = Info["save"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        foreach (var (name, model) in Document.Streams)
        {
            var (plugin, problem) = Plugin(model, saves);
            streams[name] = new ScanStream(Store, name, model, plugin, problem, Identity.Path);
        }
        return streams;
    }

    /// <summary>The plugin a stream is routed to, and why it cannot be used (or null).</summary>
    internal static (string? Plugin, string? Problem) Plugin(StreamModel model, bool scanSaves)
    {
        var plugin = model.ResolvePlugin(scanSaves);
        if (plugin is null) return (null, null);
        var kind = Kinds.StreamKinds.Find(plugin);
        return (plugin, kind is null ? $"no plugin '{plugin}' is installed in this reader" : kind.Problem(model));
    }

    public override string ToString() => $"{Key} {Name} #{Number} {State}";
}
