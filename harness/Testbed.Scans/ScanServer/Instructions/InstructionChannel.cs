using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;

namespace Testbed.Scans.ScanServer.Instructions;

/// <summary>Sends DeviceInstructionMessages on <c>internal/devices/instructions</c> and waits for the device server's acknowledgements
/// on <c>internal/devices/instructions_response</c>, correlated by device_instr_id (BEC's InstructionHandler).</summary>
/// <remarks>Pub/sub keeps nothing for a subscriber whose connection is down: after a Redis outage an instruction may never have reached
/// the device server, or its acknowledgement may never have reached us. Every instruction still pending then is sent again — the same
/// message, the same device_instr_id — until the device server is heard of about it (it answers a repeat with its last acknowledgement
/// instead of carrying it out twice), and the timeouts start again once Redis is back. Nothing is sent again without an outage.</remarks>
public sealed class InstructionChannel : IAsyncDisposable
{
    /// <summary>Pause between two re-sends of an instruction not heard of since an outage (real time).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(1);

    private readonly BecConnector _bec;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PendingInstruction> _pending = new(StringComparer.Ordinal);
    private readonly ConnectionWatch _watch;
    private readonly CancellationTokenSource _disposed = new();
    private BecSubscription? _subscription;
    private int _resending;

    private InstructionChannel(BecConnector bec, TimeProvider time, TimeSpan ackTimeout, TimeSpan completionTimeout, ILogger logger)
    {
        _bec = bec;
        _time = time;
        AckTimeout = ackTimeout;
        CompletionTimeout = completionTimeout;
        _logger = logger;
        _watch = new ConnectionWatch(bec.Redis);
        _watch.Lost += () =>
        {
            _logger.LogWarning("ScanServer: Redis connection lost; {Count} pending instruction(s) will be sent again once it is back", _pending.Count);
            StartResending();
        };
        _watch.Restored += StartResending;
    }

    /// <summary>How long the first acknowledgement (running) may take: the device server picks instructions up at once.</summary>
    public TimeSpan AckTimeout { get; }

    /// <summary>How long an acknowledged instruction may take to complete (a long move, an exposure).</summary>
    public TimeSpan CompletionTimeout { get; }

    public static async Task<InstructionChannel> OpenAsync(BecConnector bec, TimeProvider time, TimeSpan ackTimeout, TimeSpan completionTimeout, ILogger logger)
    {
        var channel = new InstructionChannel(bec, time, ackTimeout, completionTimeout, logger);
        channel._subscription = await bec.SubscribeAsync(MessageEndpoints.DeviceInstructionsResponse(), m =>
        {
            if (channel._pending.TryGetValue(m.Message.InstructionId, out var p))
            {
                // Heard after the outage: the device server knows the instruction and our subscription works again.
                if (!channel._watch.IsDown) p.Heard = channel._watch.Outages;
                p.OnResponse(m.Message);
                if (p.Done.IsCompleted) channel._pending.TryRemove(p.Id, out _);
            }
            return Task.CompletedTask;
        });
        return channel;
    }

    /// <summary>Publishes one instruction; <paramref name="device"/> is a name (str) or a list, exactly as the recorded scan server
    /// writes it; <paramref name="metadata"/> gets device_instr_id appended (after scan_id and RID, before point_id and the others).
    /// Redis away: the instruction is sent once it is back (the wait's timeouts say when to give up).</summary>
    public async Task<PendingInstruction> SendAsync(BecValue device, DeviceInstructionAction action, BecMap? parameter, BecMap metadata, params (string Key, BecValue Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var id = Guid.NewGuid().ToString();
        var meta = new BecMap();
        foreach (var (k, v) in metadata.Entries) meta.Add(k, v);
        meta.Set(MetadataKeys.DeviceInstrId, id);
        foreach (var (k, v) in extra) meta.Set(k, v);
        var message = new DeviceInstructionMessage { Metadata = meta, Device = device, Action = action, Parameter = parameter ?? [] };
        var pending = new PendingInstruction(message, id, _watch.Outages);
        _pending[id] = pending;
        try
        {
            await _bec.SendAsync(MessageEndpoints.DeviceInstructions(), message);
        }
        catch (Exception e) when (BecOutage.IsTransient(e))
        {
            _logger.LogWarning("ScanServer: {Instruction} not sent, Redis is away ({Message}); it is sent once Redis is back", pending.Describe(), e.Message);
            pending.Heard = -1;
            StartResending();
        }
        return pending;
    }

    /// <summary>Waits for <c>completed</c>: throws <see cref="InstructionFailedException"/> on <c>error</c>,
    /// <see cref="InstructionTimeoutException"/> when no acknowledgement or completion comes in time (time Redis was away not counted).</summary>
    public async Task<DeviceInstructionResponse> WaitAsync(PendingInstruction instruction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        try
        {
            if (!await WithinAsync(instruction.Acknowledged, AckTimeout, instruction, ct))
                throw new InstructionTimeoutException(
                    $"{instruction.Describe()}: no acknowledgement from the device server within {AckTimeout.TotalSeconds:0.###} s " +
                    $"(device_instr_id {instruction.Id}); is the device server running and subscribed to {MessageEndpoints.DeviceInstructions().Endpoint}?",
                    instruction.Devices, instruction.Action);
            if (!await WithinAsync(instruction.Done, CompletionTimeout, instruction, ct))
                throw new InstructionTimeoutException(
                    $"{instruction.Describe()}: acknowledged but not completed within {CompletionTimeout.TotalSeconds:0.###} s (device_instr_id {instruction.Id}); " +
                    "the device may be stuck: check it, or raise the scan server's completion timeout",
                    instruction.Devices, instruction.Action);
            return await instruction.Done;
        }
        finally
        {
            // Whatever the outcome, nobody waits for it any more: it is not sent again after an outage.
            _pending.TryRemove(instruction.Id, out _);
        }
    }

    /// <summary>False when <paramref name="task"/> did not complete within <paramref name="timeout"/> of the stack's clock; an outage
    /// meanwhile starts the timeout again once the device server is heard of about the instruction again.</summary>
    private async Task<bool> WithinAsync(Task task, TimeSpan timeout, PendingInstruction instruction, CancellationToken ct)
    {
        while (true)
        {
            var outages = _watch.Outages;
            try
            {
                await task.WaitAsync(timeout, _time, ct);
                return true;
            }
            catch (TimeoutException)
            {
                if (outages == _watch.Outages && !_watch.IsDown && instruction.Heard == outages) return false;
                if (!await HeardAgainAsync(instruction, ct)) return task.IsCompleted;
            }
        }
    }

    /// <summary>Waits (real time, up to <see cref="BecOutage.Limit"/>) until Redis is back and the device server answered the
    /// instruction again (or it ended); throws when Redis stayed away.</summary>
    private async Task<bool> HeardAgainAsync(PendingInstruction instruction, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < BecOutage.Limit)
        {
            if (instruction.Done.IsCompleted || (!_watch.IsDown && instruction.Heard == _watch.Outages)) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct);
        }
        if (_watch.IsDown)
            throw new InstructionTimeoutException(
                $"{instruction.Describe()}: Redis stayed unreachable for more than {BecOutage.Limit.TotalSeconds:0} s (device_instr_id {instruction.Id}); " +
                "check the Redis server the scan stack uses", instruction.Devices, instruction.Action);
        return false;
    }

    /// <summary>Runs <see cref="ResendAsync"/> unless it runs already.</summary>
    private void StartResending()
    {
        if (Interlocked.Exchange(ref _resending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try { await ResendAsync(); }
            catch (OperationCanceledException) { }
            catch (Exception e) { _logger.LogWarning("ScanServer: re-sending instructions after an outage: {Message}", e.Message); }
            finally { Volatile.Write(ref _resending, 0); }
        });
    }

    // Sends every pending instruction not heard of since the last outage again, once Redis is back and then every ResendInterval, until
    // each is heard of or BecOutage.Limit has passed since Redis came back (the waits' timeouts then decide). Real time: reconnecting
    // takes real time.
    private async Task ResendAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!_disposed.IsCancellationRequested && TimeProvider.System.GetElapsedTime(started) < BecOutage.Limit)
        {
            var down = _watch.IsDown;
            if (down) started = TimeProvider.System.GetTimestamp(); // the limit counts from Redis's return
            else
            {
                var outages = _watch.Outages;
                var unheard = _pending.Values.Where(p => !p.Done.IsCompleted && p.Heard != outages).ToList();
                if (unheard.Count == 0) return;
                foreach (var p in unheard)
                {
                    try
                    {
                        await _bec.SendAsync(MessageEndpoints.DeviceInstructions(), p.Message);
                        if (p.Resent++ == 0)
                            _logger.LogInformation("ScanServer: {Instruction} sent again after a Redis outage (device_instr_id {Id})", p.Describe(), p.Id);
                    }
                    catch (Exception e) when (BecOutage.IsTransient(e)) { break; }
                }
            }
            await Task.Delay(down ? TimeSpan.FromMilliseconds(50) : ResendInterval, TimeProvider.System, _disposed.Token);
        }
    }

    /// <summary>Sends and waits.</summary>
    public async Task<DeviceInstructionResponse> RunAsync(BecValue device, DeviceInstructionAction action, BecMap? parameter, BecMap metadata, CancellationToken ct,
        params (string Key, BecValue Value)[] extra) =>
        await WaitAsync(await SendAsync(device, action, parameter, metadata, extra), ct);

    /// <summary>Logs the outcome of an instruction nobody waits for (a direct device_rpc).</summary>
    public void Observe(PendingInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        _ = WaitAsync(instruction, CancellationToken.None).ContinueWith(t =>
        {
            if (t.Exception?.InnerException is InstructionException e) _logger.LogWarning("ScanServer: {Message}", e.Message);
        }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        _watch.Dispose();
        if (_subscription is not null) await _subscription.DisposeAsync();
        _disposed.Dispose();
    }
}
