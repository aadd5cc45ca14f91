using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Instructions;

/// <summary>Sends DeviceInstructionMessages on <c>internal/devices/instructions</c> and waits for the device server's acknowledgements
/// on <c>internal/devices/instructions_response</c>, correlated by device_instr_id (BEC's InstructionHandler).</summary>
public sealed class InstructionChannel : IAsyncDisposable
{
    private readonly BecConnector _bec;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PendingInstruction> _pending = new(StringComparer.Ordinal);
    private BecSubscription? _subscription;

    private InstructionChannel(BecConnector bec, TimeProvider time, TimeSpan ackTimeout, TimeSpan completionTimeout, ILogger logger)
    {
        _bec = bec;
        _time = time;
        AckTimeout = ackTimeout;
        CompletionTimeout = completionTimeout;
        _logger = logger;
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
                p.OnResponse(m.Message);
                if (p.Done.IsCompleted) channel._pending.TryRemove(p.Id, out _);
            }
            return Task.CompletedTask;
        });
        return channel;
    }

    /// <summary>Publishes one instruction; <paramref name="device"/> is a name (str) or a list, exactly as the recorded scan server
    /// writes it; <paramref name="metadata"/> gets device_instr_id appended (after scan_id and RID, before point_id and the others).</summary>
    public async Task<PendingInstruction> SendAsync(BecValue device, DeviceInstructionAction action, BecMap? parameter, BecMap metadata, params (string Key, BecValue Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var id = Guid.NewGuid().ToString();
        var meta = new BecMap();
        foreach (var (k, v) in metadata.Entries) meta.Add(k, v);
        meta.Set(MetadataKeys.DeviceInstrId, id);
        foreach (var (k, v) in extra) meta.Set(k, v);
        var message = new DeviceInstructionMessage { Metadata = meta, Device = device, Action = action, Parameter = parameter ?? [] };
        var pending = new PendingInstruction(message, id);
        _pending[id] = pending;
        await _bec.SendAsync(MessageEndpoints.DeviceInstructions(), message);
        return pending;
    }

    /// <summary>Waits for <c>completed</c>: throws <see cref="InstructionFailedException"/> on <c>error</c>,
    /// <see cref="InstructionTimeoutException"/> when no acknowledgement or completion comes in time.</summary>
    public async Task<DeviceInstructionResponse> WaitAsync(PendingInstruction instruction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        try
        {
            try
            {
                await instruction.Acknowledged.WaitAsync(AckTimeout, _time, ct);
            }
            catch (TimeoutException)
            {
                throw new InstructionTimeoutException(
                    $"{instruction.Describe()}: no acknowledgement from the device server within {AckTimeout.TotalSeconds:0.###} s " +
                    $"(device_instr_id {instruction.Id}); is the device server running and subscribed to {MessageEndpoints.DeviceInstructions().Endpoint}?",
                    instruction.Devices, instruction.Action);
            }
            try
            {
                return await instruction.Done.WaitAsync(CompletionTimeout, _time, ct);
            }
            catch (TimeoutException)
            {
                throw new InstructionTimeoutException(
                    $"{instruction.Describe()}: acknowledged but not completed within {CompletionTimeout.TotalSeconds:0.###} s (device_instr_id {instruction.Id}); " +
                    "the device may be stuck: check it, or raise the scan server's completion timeout",
                    instruction.Devices, instruction.Action);
            }
        }
        finally
        {
            if (instruction.Done.IsCompleted || ct.IsCancellationRequested) _pending.TryRemove(instruction.Id, out _);
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
        if (_subscription is not null) await _subscription.DisposeAsync();
    }
}
