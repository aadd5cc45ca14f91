using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>What the scan server asks of the device server (<c>internal/devices/instructions</c>).</summary>
public enum DeviceInstructionAction
{
    Rpc,
    Set,
    Read,
    Kickoff,
    Complete,
    Trigger,
    Stage,
    Unstage,
    PreScan,
    Wait,
    ScanReportInstruction,
    OpenScan,
    BaselineReading,
    CloseScan,
    OpenScanDef,
    CloseScanDef,
    PublishDataAsRead,
    CloseScanGroup,
}

/// <summary>One device instruction; metadata carries scan_id, RID, device_instr_id (+ point_id, readout_priority, response).</summary>
/// <remarks>Recorded: set/stage/rpc name one device as a str, read/trigger/pre_scan/complete/unstage a list even for one.</remarks>
public sealed class DeviceInstructionMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceInstructionMessage),
    [
        Required("device", DeviceNameOrNames),
        Required("action", WireEnum<DeviceInstructionAction>.Literal),
        Required("parameter", Dict),
    ]);

    public DeviceInstructionMessage()
        : base(Definition, null)
    {
    }

    internal DeviceInstructionMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>A device name, a list of names, or None.</summary>
    public BecValue Device { get => Get("device"); set => SetField("device", value); }

    /// <summary>The device names, whichever form <see cref="Device"/> has.</summary>
    public IReadOnlyList<string> DeviceList => DeviceNames.Of(Device);

    public DeviceInstructionAction Action { get => GetEnum<DeviceInstructionAction>("action"); set => SetEnum("action", value); }

    /// <summary><c>{"value": v}</c> for set, <c>{"device","func","rpc_id","args","kwargs"}</c> for rpc, <c>{}</c> mostly.</summary>
    public BecMap Parameter { get => GetMap("parameter"); set => SetField("parameter", value); }
}
