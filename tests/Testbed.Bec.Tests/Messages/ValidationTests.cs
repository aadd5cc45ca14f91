using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Msgpack;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Messages;

/// <summary>What BEC's pydantic classes refuse is refused here, with one line naming the class and field (spec §3.3).</summary>
public class ValidationTests
{
    private static byte[] Payload(string type, BecMap fields) =>
        BecMsgpack.Encode(new BecMap { ["__bec_codec__"] = new BecMap { ["encoder_name"] = "BECMessage", ["type_name"] = type, ["data"] = fields } });

    [Test]
    public void An_instruction_action_outside_the_closed_set_is_refused_on_decode()
    {
        var bytes = Payload("DeviceInstructionMessage", new BecMap { ["metadata"] = new BecMap(), ["device"] = "samx", ["action"] = "sett", ["parameter"] = new BecMap() });
        Assert.That(() => BecCodec.Decode(bytes), Throws.TypeOf<BecValidationException>().With.Message.StartsWith(
            "DeviceInstructionMessage.action: 'sett' is not one of 'rpc', 'set', 'read', 'kickoff', 'complete', 'trigger', 'stage', 'unstage', 'pre_scan'"));
        // Tools may still look at it.
        var unchecked_ = (DeviceInstructionMessage)BecCodec.Decode(bytes, validate: false);
        Assert.That(() => unchecked_.Action, Throws.TypeOf<BecValidationException>().With.Message.Contains("'sett' is not one of"));
    }

    [Test]
    public void A_missing_required_field_is_named_when_encoding()
    {
        var message = new DeviceStatusMessage { Device = "samx" };
        Assert.That(message.ValidationError, Is.EqualTo("DeviceStatusMessage.status: field required (int)"));
        Assert.That(() => message.Encode(), Throws.TypeOf<BecValidationException>().With.Message.EqualTo("DeviceStatusMessage.status: field required (int)"));
        Assert.That(() => message.Status, Throws.TypeOf<BecValidationException>().With.Message.EqualTo("DeviceStatusMessage.status is not set"));
    }

    [Test]
    public void A_value_of_the_wrong_kind_is_named()
    {
        var message = new DeviceStatusMessage { Device = "samx" };
        message["status"] = "moving";
        Assert.That(message.ValidationError, Is.EqualTo("DeviceStatusMessage.status: expected int, got 'moving'"));
        Assert.That(() => message.Status, Throws.TypeOf<BecValueException>().With.Message.EqualTo("DeviceStatusMessage.status: expected int, got 'moving'"));
    }

    [Test]
    public void An_error_acknowledgement_needs_error_info()
    {
        var response = new DeviceInstructionResponse
        {
            Device = "samx",
            Status = InstructionStatus.Error,
            Instruction = new DeviceInstructionMessage { Device = "samx", Action = DeviceInstructionAction.Set, Parameter = new BecMap { ["value"] = 1.0 } },
            InstructionId = "id-1",
        };
        Assert.That(response.ValidationError, Is.EqualTo("DeviceInstructionResponse: status 'error' needs error_info (an ErrorInfo saying what failed)"));
        response.ErrorInfo = new ErrorInfo { ErrorMessage = "limit", CompactErrorMessage = null, ExceptionType = "LimitError" };
        Assert.That(response.ValidationError, Is.Null);
        Assert.That(BecCodec.DecodeMessage<DeviceInstructionResponse>(response.Encode()).ErrorInfo!.ExceptionType, Is.EqualTo("LimitError"));
    }

    [Test]
    public void A_nested_instruction_is_validated_with_its_path()
    {
        var response = new DeviceInstructionResponse
        {
            Device = "samx",
            Status = InstructionStatus.Running,
            Instruction = new DeviceInstructionMessage { Device = 5, Action = DeviceInstructionAction.Read, Parameter = new BecMap() },
            InstructionId = "id-1",
        };
        Assert.That(response.ValidationError, Is.EqualTo("DeviceInstructionResponse.instruction.device: expected str | list[str] | None, got 5"));
    }

    [Test]
    public void Config_changes_that_add_need_a_config()
    {
        Assert.That(new DeviceConfigMessage { Action = ConfigAction.Set, Config = new BecMap() }.ValidationError,
            Is.EqualTo("DeviceConfigMessage: action 'set' needs a non-empty config"));
        Assert.That(new DeviceConfigMessage { Action = ConfigAction.Reload, Config = new BecMap() }.ValidationError, Is.Null);
    }

    [Test]
    public void The_queue_status_must_contain_primary_and_closed_queue_states()
    {
        var idle = new ScanQueueStatus { Info = [], Status = QueueStatus.Running };
        Assert.That(new ScanQueueStatusMessage { Queue = [new("other", idle)] }.ValidationError,
            Is.EqualTo("ScanQueueStatusMessage: queue must contain a 'primary' key"));
        var message = new ScanQueueStatusMessage { Queue = [new("primary", idle)] };
        Assert.That(message.ValidationError, Is.Null);
        message.Find("primary")!["status"] = "FOO";
        Assert.That(message.ValidationError, Is.EqualTo("ScanQueueStatusMessage.queue['primary'].status: 'FOO' is not one of 'PAUSED', 'RUNNING', 'LOCKED'"));
    }

    [Test]
    public void Device_readings_allow_only_value_and_timestamp()
    {
        var reading = new DeviceMessage().WithSignal("samx", 1.5, 100.0);
        Assert.That(reading.ValidationError, Is.Null);
        reading.Signals["samx"].AsMap()["val"] = 1;
        Assert.That(reading.ValidationError, Is.EqualTo("DeviceMessage.signals['samx']: key 'val' is not one of 'value', 'timestamp'"));
    }

    [TestCase("add", null, null, "max_shape is required and cannot be empty for async update type 'add'")]
    [TestCase("add", "1024,", null, "None (unlimited) dimensions may only come first")]
    [TestCase("add", ",,", null, "at most 2 dimensions when all are None")]
    [TestCase("add_slice", ",1024", null, "index is required for async update type 'add_slice'")]
    [TestCase("add_slice", ",1024", -2, "index must be >= -1")]
    [TestCase("replace", null, null, null)]
    [TestCase("add", ",1024,1024", null, null)]
    public void Async_updates_follow_BECs_rules(string type, string? maxShape, int? index, string? problem)
    {
        var update = new BecMap { ["type"] = type };
        if (maxShape is not null) update["max_shape"] = new BecList(maxShape.Split(',').Select(d => d.Length == 0 ? BecValue.Nil : (BecValue)long.Parse(d)));
        if (index is { } i) update["index"] = i;
        var reading = new DeviceMessage().WithSignal("waveform", 1, 1.0);
        reading.Metadata[MetadataKeys.AsyncUpdate] = update;
        if (problem is null) Assert.That(reading.ValidationError, Is.Null);
        else Assert.That(reading.ValidationError, Does.StartWith("DeviceMessage: metadata.async_update: ").And.Contains(problem));
    }

    [Test]
    public void Monitor_frames_must_be_2D_or_RGB()
    {
        var frame = new DeviceMonitor2DMessage { Device = "eiger", Data = NdArray.From<ushort>([1, 2, 3, 4], 4), Timestamp = 1.0 };
        Assert.That(frame.ValidationError, Is.EqualTo("DeviceMonitor2DMessage.data: a 1-D array of shape [4]; must be 2-D, or 3-D with 3 colour planes last"));
        frame.Data = NdArray.From<ushort>([1, 2, 3, 4], 2, 2);
        Assert.That(frame.ValidationError, Is.Null);
        frame.Data = NdArray.From<byte>(new byte[12], 2, 2, 3);
        Assert.That(frame.ValidationError, Is.Null);
    }

    [Test]
    public void Scan_status_values_are_closed()
    {
        var bytes = Payload("ScanStatusMessage", new BecMap
        {
            ["metadata"] = new BecMap(), ["scan_id"] = "s", ["status"] = "running", ["info"] = new BecMap(), ["timestamp"] = 1.0,
        });
        Assert.That(() => BecCodec.Decode(bytes), Throws.TypeOf<BecValidationException>().With.Message.EqualTo(
            "ScanStatusMessage.status: 'running' is not one of 'open', 'paused', 'aborted', 'halted', 'closed', 'user_completed'"));
    }

    [Test]
    public void New_messages_carry_BECs_defaults_in_declaration_order()
    {
        var request = new ScanQueueMessage { Parameter = new BecMap { ["args"] = new BecList(), ["kwargs"] = new BecMap() }, ScanType = "acquire" };
        Assert.That(request.Fields.Keys, Is.EqualTo(new[] { "metadata", "scan_type", "parameter", "queue", "allow_restart" }));
        Assert.That((request.Queue, request.AllowRestart), Is.EqualTo(("primary", true)));

        var status = new ScanStatusMessage { Timestamp = 2.0, Info = new BecMap(), Status = ScanStatus.Open, ScanId = "id" };
        Assert.That(status.Fields.Keys, Is.EqualTo(new[]
        {
            "metadata", "scan_id", "status", "reason", "scan_number", "session_id", "num_points", "num_monitored_readouts", "scan_name", "scan_type",
            "dataset_number", "scan_report_devices", "user_metadata", "readout_priority", "scan_parameters", "request_inputs", "info", "timestamp",
        }));
        Assert.That(status.NumMonitoredReadouts, Is.EqualTo(0));
        Assert.That(status.ValidationError, Is.Null);
    }

    [Test]
    public void Fields_BEC_does_not_declare_are_kept_so_the_bytes_round_trip()
    {
        var bytes = Payload("DeviceStatusMessage", new BecMap { ["metadata"] = new BecMap(), ["device"] = "samx", ["status"] = 0, ["extra"] = "kept" });
        var message = BecCodec.DecodeMessage<DeviceStatusMessage>(bytes);
        Assert.That(message.Fields.Keys, Is.EqualTo(new[] { "metadata", "device", "status", "extra" }));
        Assert.That(message.Encode(), Is.EqualTo(bytes));
    }

    [Test]
    public void Every_typed_class_is_registered_under_its_python_name()
    {
        var types = typeof(BecMessage).Assembly.GetTypes().Where(t => t.IsSealed && typeof(BecMessage).IsAssignableFrom(t) && t != typeof(GenericMessage));
        foreach (var t in types)
        {
            var instance = (BecMessage)Activator.CreateInstance(t)!;
            Assert.That(MessageRegistry.IsTypedMessage(instance.TypeName), Is.True, t.Name);
            Assert.That(MessageRegistry.CreateMessage(instance.TypeName, new BecMap()).GetType(), Is.EqualTo(t));
        }
    }
}
