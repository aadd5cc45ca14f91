using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Publishing;

/// <summary>The single writer of one data stream: batches points into entries <c>&lt;index&gt;-1</c>, pipelines the XADDs, seals.</summary>
/// <remarks>Errors of pipelined XADDs surface on the next call, <see cref="FlushAsync"/> or <see cref="SealAsync"/>.
/// Not for concurrent use by several threads (the latency timer is handled internally).</remarks>
public sealed class DataStreamWriter
{
    private readonly DataStore _store;
    private readonly PublishedScan? _scan;
    private readonly BatchingPolicy _policy;
    private readonly EntryPipeline _pipeline;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PendingPoints _pending = new();
    private readonly DType? _scalarDType;
    private readonly int _scalarPerEntry;
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
        // The per-point fast path applies to scalar streams of one of the fixed dtypes.
        _scalarDType = model.Encoding.Shape.Length == 0 ? DType.All.FirstOrDefault(d => d == model.Encoding.DType) : null;
        _scalarPerEntry = _scalarDType is null ? 1 : PointsPerEntry(_scalarDType.ItemSize);
    }

    public string Name { get; }

    internal StreamModel Model { get; }

    public string Key => Model.Key;

    public StreamEncoding Encoding => Model.Encoding;

    public JsonObject Info => Model.Info;

    /// <summary>Points accepted so far (sent or buffered).</summary>
    public long Count => _pipeline.NextIndex + _pending.Points;

    public bool IsSealed => _sealed;

    internal int ResentEntries => _pipeline.Resent;

    /// <summary>Sends one point or a batch (n, *point shape); refuses the wrong dtype, shape or empty data.</summary>
    /// <remarks>The bytes of <paramref name="data"/> may be sent after this returns (see <see cref="NdArray.Wrap{T}"/>).</remarks>
    public ValueTask SendAsync(NdArray data) => SendAsync(data, mayKeep: true);

    private async ValueTask SendAsync(NdArray data, bool mayKeep)
    {
        var n = NumericCodec.CountPoints(Encoding, data, Name);
        var pointShape = data.Shape.Length == Encoding.Shape.Length ? data.Shape : data.Shape[1..];
        await _gate.WaitAsync();
        try
        {
            Check();
            if (Encoding.IsVariableShape)
            {
                if (_pending.Points > 0 && !_pending.PointShape!.AsSpan().SequenceEqual(pointShape)) Emit();
                _pending.PointShape = pointShape;
                _pending.Append(data.Bytes.Span, n, 0);
                if (_pending.Points >= _policy.MaxPoints || _pending.Length >= _policy.MaxBytes) Emit();
                else ArmTimer();
                await AfterQueueAsync();
                return;
            }
            var pointBytes = data.Bytes.Length / n;
            var perEntry = PointsPerEntry(pointBytes);
            if (mayKeep && _pending.Points == 0 && n >= perEntry)
            {
                // A block worth an entry of its own (a frame) goes out as is, without another copy.
                _pipeline.Queue(data.Bytes, n);
                await AfterQueueAsync();
                return;
            }
            var bytes = data.Bytes.Span;
            var done = 0;
            while (done < n)
            {
                var take = Math.Min(n - done, perEntry - _pending.Points);
                _pending.Append(bytes.Slice(done * pointBytes, take * pointBytes), take, perEntry * pointBytes);
                done += take;
                if (_pending.Points >= perEntry) Emit();
            }
            if (_pending.Points > 0) ArmTimer();
            await AfterQueueAsync();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Points of one full entry: at most MaxPoints and MaxBytes (but at least one point).</summary>
    private int PointsPerEntry(int pointBytes) =>
        _policy.MaxLatency <= TimeSpan.Zero ? 1 : Math.Max(1, Math.Min(_policy.MaxPoints, _policy.MaxBytes / Math.Max(1, pointBytes)));

    /// <summary>Sends one scalar point without building an array (the fast path of step scans).</summary>
    public ValueTask SendAsync<T>(T value) where T : unmanaged
    {
        var dtype = DType.Of<T>();
        if (!ReferenceEquals(dtype, _scalarDType)) return SendAsync(NdArray.Scalar(value));
        // Uncontended and nothing to wait for: no async machinery per point.
        if (!_gate.Wait(0)) return SendScalarSlowAsync(value, dtype);
        var settle = false;
        try
        {
            Check();
            AppendScalar(value, dtype);
            settle = !_pipeline.TryDrain();
        }
        finally { _gate.Release(); }
        return settle ? SettleGuardedAsync() : default;
    }

    private async ValueTask SendScalarSlowAsync<T>(T value, DType dtype) where T : unmanaged
    {
        await _gate.WaitAsync();
        try
        {
            Check();
            AppendScalar(value, dtype);
            await AfterQueueAsync();
        }
        finally { _gate.Release(); }
    }

    private void AppendScalar<T>(T value, DType dtype) where T : unmanaged
    {
        var perEntry = _scalarPerEntry;
        MemoryMarshal.Write(_pending.AppendOne(dtype.ItemSize, perEntry * dtype.ItemSize), in value);
        if (_pending.Points >= perEntry) Emit();
        else if (_timer is null) ArmTimer();
    }

    private async ValueTask SettleGuardedAsync()
    {
        await _gate.WaitAsync();
        try { await AfterQueueAsync(); }
        finally { _gate.Release(); }
    }

    /// <summary>Sends n scalar points at once (a block from a continuous acquisition); copied before this returns.</summary>
    public ValueTask SendManyAsync<T>(T[] values) where T : unmanaged => SendAsync(NdArray.Wrap(values, values.Length), mayKeep: false);

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

    private void ArmTimer()
    {
        if (_policy.MaxLatency <= TimeSpan.Zero) Emit();
        else _timer ??= _store.Time.CreateTimer(_ => _ = OnLatencyAsync(), null, _policy.MaxLatency, Timeout.InfiniteTimeSpan);
    }

    private async ValueTask AfterQueueAsync()
    {
        if (_pipeline.MustWait || _pipeline.HasCompleted) await Guard(_pipeline.SettleAsync());
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
        if (_pending.Points == 0) return;
        var n = _pending.Points;
        byte[] payload;
        if (Encoding.IsVariableShape)
        {
            var shape = _pending.PointShape!;
            var data = new NdArray(Encoding.DType!, n == 1 ? shape : [n, .. shape], _pending.Written);
            payload = NumericCodec.Encode(Encoding, data, n);
            _pending.Take();
        }
        else
        {
            payload = _pending.Take();
        }
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
}
