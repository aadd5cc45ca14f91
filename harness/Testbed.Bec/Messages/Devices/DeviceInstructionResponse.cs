using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>State of an instruction in its acknowledgement.</summary>
public enum InstructionStatus
{
    Completed,
    Running,
    Error,
}

/// <summary>The device server's acknowledgement of an instruction (<c>internal/devices/instructions_response</c>), correlated by instruction_id.</summary>
/// <remarks>Recorded: running (result_is_status None) → for set/trigger/complete running with result_is_status True → completed;
/// read/stage/unstage/pre_scan/rpc: running → completed. Metadata = the instruction's; result only for rpc.</remarks>
public sealed class DeviceInstructionResponse : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceInstructionResponse),
    [
        Required("device", DeviceNameOrNames),
        Required("status", WireEnum<InstructionStatus>.Literal),
        Optional("error_info", Struct(static () => ErrorInfo.Definition)),
        Required("instruction", Struct(static () => DeviceInstructionMessage.Definition)),
        Required("instruction_id", Str),
        Optional("result_is_status", Bool),
        WithDefault("result", Any, static () => Nil),
    ],
        static f => f.GetOrNull("status") is BecStr { Value: "error" } && f.GetOrNull("error_info") is null or BecNil
            ? "status 'error' needs error_info (an ErrorInfo saying what failed)"
            : null);

    public DeviceInstructionResponse()
        : base(Definition, null)
    {
    }

    internal DeviceInstructionResponse(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecValue Device { get => Get("device"); set => SetField("device", value); }

    public InstructionStatus Status { get => GetEnum<InstructionStatus>("status"); set => SetEnum("status", value); }

    public ErrorInfo? ErrorInfo { get => GetStructOrNull("error_info", f => new ErrorInfo(f)); set => SetStruct("error_info", value); }

    /// <summary>The full instruction echoed back.</summary>
    public DeviceInstructionMessage Instruction
    {
        get => GetStruct("instruction", f => new DeviceInstructionMessage(f));
        set => SetStruct("instruction", value);
    }

    /// <summary>= the instruction's <c>metadata.device_instr_id</c>.</summary>
    public string InstructionId { get => GetStr("instruction_id"); set => SetField("instruction_id", value); }

    public bool? ResultIsStatus { get => GetBoolOrNull("result_is_status"); set => SetField("result_is_status", value is { } b ? b : Nil); }

    /// <summary>The rpc's return value (None otherwise).</summary>
    public BecValue Result { get => Get("result"); set => SetField("result", value); }
}
