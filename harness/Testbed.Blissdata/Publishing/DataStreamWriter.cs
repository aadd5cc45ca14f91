using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Publishing;

/// <summary>The single writer of one data stream: batches points into entries <c>&lt;index&gt;-1</c>, pipelines the XADDs, seals.</summary>
/// <remarks>Errors of pipelined XADDs surface on the next call, <see cref="FlushAsync"/> or <see cref="SealAsync"/>.
/// Not for concurrent use by several threads (the latency timer is handled internally).</remarks>
public sealed partial class DataStreamWriter
{
    private readonly DataStore _store;
    private readonly PublishedScan? _scan;
    private readonly BatchingPolicy _policy;
    private readonly EntryPipeline _pipeline;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _pending = new();
    private int _pendingPoints;
    private int[]? _pendingPointShape;
    private ITimer? _timer;
    private bool _sealed;

    internal DataStreamWriter(DataStore store, PublishedScan? scan, string name, StreamModel model)
    {
        _store = store;
        _scan = scan;
        _policy = store.Options.Batching;
        Name = name;
        Model = model;
        _pipeline = new EntryPipeline(store, name, model.Key, _policy.MaxInFlightBytes);
    }

    public string Name { get; }

    internal StreamModel Model { get; }

    public string Key => Model.Key;

    public StreamEncoding Encoding => Model.Encoding;

    public JsonObject Info => Model.Info;

    /// <summary>Points accepted so far (sent or buffered).</summary>
    public long Count => _pipeline.NextIndex + _pendingPoints;

    public bool IsSealed => _sealed;

    internal int ResentEntries => _pipeline.Resent;

    /// <summary>Sends one point or a batch (n, *point shape); refuses the wrong dtype, shape or empty data.</summary>
    public async ValueTask SendAsync(NdArray data)
    {
        var n = NumericCodec.CountPoints(Encoding, data, Name);
        var pointShape = data.Shape.Length == Encoding.Shape.Length ? data.Shape : data.Shape[1..];
        await _gate.WaitAsync();
        try
        {
            Check();
            if (Encoding.IsVariableShape && _pendingPoints > 0 && !_pendingPointShape!.AsSpan().SequenceEqual(pointShape)) Emit();
            data.Bytes.Span.CopyTo(_pending.GetSpan(data.Bytes.Length));
            _pending.Advance(data.Bytes.Length);
            _pendingPoints += n;
            _pendingPointShape = pointShape;
            await AfterAppendAsync();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends one scalar point without building an array (the fast path of step scans).</summary>
    public async ValueTask SendAsync<T>(T value) where T : unmanaged
    {
        var dtype = DType.Of<T>();
        if (Encoding.IsJson || dtype != Encoding.DType || Encoding.Shape.Length != 0)
        {
            await SendAsync(NdArray.Scalar(value));
            return;
        }
        await _gate.WaitAsync();
        try
        {
            Check();
            var span = _pending.GetSpan(dtype.ItemSize);
            MemoryMarshal.Write(span, in value);
            _pending.Advance(dtype.ItemSize);
            _pendingPoints++;
            _pendingPointShape = [];
            await AfterAppendAsync();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends n scalar points at once (a block from a continuous acquisition).</summary>
    public ValueTask SendManyAsync<T>(T[] values) where T : unmanaged => SendAsync(NdArray.From(values, values.Length));

    /// <summary>Sends one JSON value as its own entry (JSON streams carry no <c>len</c>).</summary>
    public async ValueTask SendJsonAsync(JsonNode? value)
    {
        if (!Encoding.IsJson) throw new EncodingException($"stream '{Name}' is numeric ({Encoding.DTypeStr}); JSON values go to JSON streams");
        var payload = System.Text.Encoding.UTF8.GetBytes(PythonJson.Dumps(PythonJson.Sanitize(value)));
        await _gate.WaitAsync();
        try
        {
            Check();
            await _pipeline.SendAsync(payload, 1);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends what is buffered and waits until Redis acknowledged every entry.</summary>
    public async Task FlushAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Check();
            Emit();
            await Guard(_pipeline.SettleAllAsync());
        }
        finally { _gate.Release(); }
    }

    /// <summary>Flushes, then <c>FCALL seal_stream</c>; returns the final length. Sealing twice returns the length too.</summary>
    public async Task<long> SealAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_sealed)
            {
                Check();
                Emit();
                await Guard(_pipeline.SettleAllAsync());
            }
            var length = await Guard(Sealing.SealAsync(_store, Key, $"sealing stream '{Name}'"));
            _sealed = true;
            _timer?.Dispose();
            return length;
        }
        finally { _gate.Release(); }
    }

    private void Check()
    {
        _scan?.ThrowIfFailed();
        if (_sealed) throw new BlissdataException($"stream '{Name}' ({Key}) is sealed; no more points can be added");
    }

    private async ValueTask AfterAppendAsync()
    {
        if (_pendingPoints >= _policy.MaxPoints || _pending.WrittenCount >= _policy.MaxBytes || _policy.MaxLatency <= TimeSpan.Zero) Emit();
        else if (_timer is null) _timer = _store.Time.CreateTimer(_ => _ = OnLatencyAsync(), null, _policy.MaxLatency, Timeout.InfiniteTimeSpan);
        if (_pipeline.MustWait) await Guard(_pipeline.SettleAsync());
        else if (_pipeline.HasCompleted) await Guard(_pipeline.SettleAsync());
    }

    private async Task OnLatencyAsync()
    {
        await _gate.WaitAsync();
        try { if (!_sealed) Emit(); }
        finally { _gate.Release(); }
    }

    /// <summary>Turns the buffered points into one entry and queues its XADD (not awaited).</summary>
    private void Emit()
    {
        _timer?.Dispose();
        _timer = null;
        if (_pendingPoints == 0) return;
        var n = _pendingPoints;
        byte[] payload;
        if (Encoding.IsVariableShape)
        {
            var shape = _pendingPointShape!;
            var data = new NdArray(Encoding.DType!, n == 1 ? shape : [n, .. shape], _pending.WrittenMemory);
            payload = NumericCodec.Encode(Encoding, data, n);
        }
        else
        {
            payload = _pending.WrittenSpan.ToArray();
        }
        _pending.ResetWrittenCount();
        _pendingPoints = 0;
        _pipeline.Queue(payload, n);
    }

    private async Task Guard(Task task)
    {
        try { await task; }
        catch (ScanFailedException e)
        {
            _scan?.OnRedisLost(e);
            throw;
        }
    }

    private async Task<T> Guard<T>(Task<T> task)
    {
        try { return await task; }
        catch (ScanFailedException e)
        {
            _scan?.OnRedisLost(e);
            throw;
        }
    }

    private async ValueTask Guard(ValueTask task)
    {
        try { await task; }
        catch (ScanFailedException e)
        {
            _scan?.OnRedisLost(e);
            throw;
        }
    }
}
