using Testbed.Bec.Messages.Devices;

namespace Testbed.Scans.ScanServer.Instructions;

/// <summary>One sent instruction and its acknowledgements (running → completed | error), correlated by device_instr_id.</summary>
public sealed class PendingInstruction
{
    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DeviceInstructionResponse> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PendingInstruction(DeviceInstructionMessage message, string id, int outages)
    {
        Message = message;
        Id = id;
        _heard = outages;
    }

    private int _heard;

    /// <summary>The channel's outage count when the instruction was sent, or when the device server was last heard of about it since;
    /// behind the channel's count, the instruction or its acknowledgement may have been lost and it is sent again.</summary>
    internal int Heard
    {
        get => Volatile.Read(ref _heard);
        set => Volatile.Write(ref _heard, value);
    }

    /// <summary>Times it was sent again after an outage (same bytes, same device_instr_id).</summary>
    internal int Resent { get; set; }

    public DeviceInstructionMessage Message { get; }

    /// <summary>The device_instr_id.</summary>
    public string Id { get; }

    /// <summary>What the user reads in errors: <c>set samx</c>, <c>read [bpm4i, samx]</c>.</summary>
    public string Describe()
    {
        var devices = Message.DeviceList;
        var action = Action;
        return devices.Count == 1 && Message.Device is Bec.Values.BecStr ? $"{action} {devices[0]}" : $"{action} [{string.Join(", ", devices)}]";
    }

    public string Action => Bec.Messages.Schema.WireEnum<DeviceInstructionAction>.ToWire(Message.Action);

    public string Devices => string.Join(", ", Message.DeviceList);

    /// <summary>Completes at the first acknowledgement of any status.</summary>
    public Task Acknowledged => _acknowledged.Task;

    /// <summary>The <c>completed</c> acknowledgement, or the error.</summary>
    public Task<DeviceInstructionResponse> Done => _done.Task;

    internal void OnResponse(DeviceInstructionResponse response)
    {
        _acknowledged.TrySetResult();
        switch (response.Status)
        {
            case InstructionStatus.Completed:
                _done.TrySetResult(response);
                break;
            case InstructionStatus.Error:
                var info = response.ErrorInfo;
                var text = info?.CompactErrorMessage is { Length: > 0 } c ? c : info?.ErrorMessage ?? "no error_info";
                var type = info?.ExceptionType ?? "";
                _done.TrySetException(new InstructionFailedException(
                    $"{Describe()}: the device server reported {(type.Length > 0 ? type + ": " : "")}{text}", Devices, Action, type, text));
                break;
        }
    }
}
