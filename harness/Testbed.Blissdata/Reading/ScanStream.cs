using StackExchange.Redis;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Reading;

/// <summary>A data stream of a loaded scan: length, random access with the three index errors of §6.5, cursors.</summary>
public sealed partial class ScanStream
{
    internal ScanStream(DataStore store, string name, StreamModel model, string? plugin, string? pluginProblem, string? scanFile = null)
    {
        ScanFile = scanFile;
        Store = store;
        Name = name;
        Model = model;
        Plugin = plugin;
        PluginProblem = pluginProblem;
        Kind = Kinds.StreamKinds.Find(plugin);
    }

    /// <summary>The kind of plugin stream (null for a default stream or an unknown plugin).</summary>
    public Kinds.IStreamKind? Kind { get; }

    internal DataStore Store { get; }

    internal StreamModel Model { get; }

    /// <summary>The scan's identity path: the file of legacy (1.x) file-backed streams that have no <c>file_path</c>.</summary>
    internal string? ScanFile { get; }

    public string Name { get; }

    public string Key => Model.Key;

    public StreamEncoding Encoding => Model.Encoding;

    public JsonObject Info => Model.Info;

    /// <summary>The plugin 2.x readers route the stream to (§6.7): null, lima, lima2, hdf5_fallback, scan_sequence or an unknown name.</summary>
    public string? Plugin { get; }

    /// <summary>Why the plugin cannot be used (unknown or broken), or null.</summary>
    public string? PluginProblem { get; }

    /// <summary>numpy dtype name from <c>info.dtype</c> (or the encoding), "object" for JSON streams.</summary>
    public string DTypeName => Model.DTypeName;

    /// <summary>Point shape from <c>info.shape</c> (or the encoding).</summary>
    public int[] Shape => Model.PointShape;

    public override string ToString() => $"{Name} ({Key})";

    internal void EnsureUsable()
    {
        if (PluginProblem is not null) throw new MissingPluginException($"stream '{Name}' of plugin '{Plugin}': {PluginProblem}");
    }

    internal IDatabase Db => Store.Database;

    internal async Task<StreamEntry?> LastEntryAsync()
    {
        var e = await Db.StreamRangeAsync(Key, "-", "+", 1, Order.Descending);
        return e.Length == 0 ? null : StreamEntry.From(e[0], Key);
    }

    /// <summary>Number of points in Redis: the seal's id when sealed, else last index + len; 0 when the key does not exist.</summary>
    public async Task<long> RawLengthAsync()
    {
        EnsureUsable();
        var last = await LastEntryAsync();
        return last is null ? 0 : last.Value.IsSeal ? last.Value.Index : last.Value.End;
    }

    /// <summary>The stream length as its plugin defines it (<see cref="Kinds.IStreamKind.LengthAsync"/>, else <see cref="RawLengthAsync"/>).</summary>
    public async Task<long> LengthAsync()
    {
        EnsureUsable();
        return Kind is null ? await RawLengthAsync() : await Kind.LengthAsync(this);
    }

    public async Task<bool> IsSealedAsync()
    {
        var e = await Db.StreamRangeAsync(Key, "-", "+", 1, Order.Descending);
        return e.Length > 0 && e[0].Id.ToString() == Protocol.SealId;
    }

    /// <summary>A writer on this existing stream from index 0 (distributed publishing, §6.8: one writer per stream).</summary>
    public Publishing.DataStreamWriter OpenWriter()
    {
        EnsureUsable();
        if (Encoding.BigEndian)
            throw new EncodingException($"stream '{Name}' is big-endian ({Encoding.DTypeStr}); this library writes little-endian streams only");
        return new(Store, null, Name, Model);
    }

    /// <summary>A cursor from index 0 (or <paramref name="start"/>).</summary>
    public Cursor Cursor(long start = 0)
    {
        EnsureUsable();
        return new Cursor(this, start);
    }
}
