using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Tests.Fixtures;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Messages;

/// <summary>The typed properties read the recorded messages as the scan stack will use them (pointers: session seq).</summary>
public class RecordedMessagesTests
{
    private static T Recorded<T>(string session, int seq) where T : BecMessage =>
        BecCodec.DecodeMessage<T>(Recording.Payloads.Single(p => p.Session.StartsWith(session, StringComparison.Ordinal) && p.Seq == seq).Bytes);

    [Test]
    public void A_set_instruction_and_its_acknowledgement() // 02 404, 414
    {
        var set = Recorded<DeviceInstructionMessage>("02", 404);
        Assert.That((set.Device.AsString(), set.Action, set.Parameter["value"].AsDouble()), Is.EqualTo(("samx", DeviceInstructionAction.Set, -1.0)));
        Assert.That(set.Metadata.Keys, Is.EqualTo(new[] { MetadataKeys.ScanId, MetadataKeys.Rid, MetadataKeys.DeviceInstrId }));
        var ack = Recorded<DeviceInstructionResponse>("02", 414);
        Assert.Multiple(() =>
        {
            Assert.That(ack.Status, Is.EqualTo(InstructionStatus.Running));
            Assert.That(ack.ResultIsStatus, Is.Null);
            Assert.That(ack.ErrorInfo, Is.Null);
            Assert.That(ack.Instruction, Is.EqualTo(set), "the full instruction is echoed");
            Assert.That(ack.InstructionId, Is.EqualTo(set.Metadata[MetadataKeys.DeviceInstrId].AsString()));
            Assert.That(ack.Metadata, Is.EqualTo(set.Metadata));
        });
    }

    [Test]
    public void A_monitored_read_names_a_list_of_devices_and_the_point() // 02 500
    {
        var read = Recorded<DeviceInstructionMessage>("02", 500);
        Assert.That((read.Action, read.DeviceList), Is.EqualTo((DeviceInstructionAction.Read, new[] { "bpm4i", "samx" })));
        Assert.That(read.Metadata[MetadataKeys.PointId].AsInt64(), Is.Zero);
    }

    [Test]
    public void The_open_scan_status() // 02 445
    {
        var open = Recorded<ScanStatusMessage>("02", 445);
        Assert.Multiple(() =>
        {
            Assert.That((open.Status, open.ScanType, open.ScanName), Is.EqualTo((ScanStatus.Open, ScanType.SoftwareTriggered, "line_scan")));
            Assert.That((open.NumPoints, open.NumMonitoredReadouts, open.ScanNumber, open.DatasetNumber), Is.EqualTo((5L, 5L, 1L, 1L)));
            Assert.That(open.ReadoutPriority!["monitored"].AsList().AsStrings(), Is.EqualTo(new[] { "bpm4i", "samx" }));
            Assert.That(open.RequestInputs["arg_bundle"], Is.EqualTo(new BecList { "samx", -1, 1 }));
            Assert.That(open.Info["file_components"], Is.EqualTo(new BecList { "/data/S00000-00999/S00001/S00001", "h5" }));
            Assert.That(open.Metadata.Count, Is.Zero);
            Assert.That(open.Reason, Is.Null);
        });
    }

    [Test]
    public void The_queue_with_a_running_line_scan() // 02 358
    {
        var status = Recorded<ScanQueueStatusMessage>("02", 358);
        var primary = status.Find("primary")!;
        var item = primary.Info.Single();
        var block = item.RequestBlocks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(primary.Status, Is.EqualTo(QueueStatus.Running));
            Assert.That(primary.Locks, Is.Empty);
            Assert.That((item.Status, item.IsScan, item.ScanNumber), Is.EqualTo((QueueItemStatus.Running, new[] { true }, new long?[] { 1 })));
            Assert.That(block.Msg.ScanType, Is.EqualTo("line_scan"));
            Assert.That(block.Rid, Is.EqualTo(block.Msg.Metadata[MetadataKeys.Rid].AsString()));
            Assert.That(block.ReadoutPriority["monitored"].AsList().AsStrings(), Is.EqualTo(new[] { "samx" }), "the request's modification, not the resolved list");
            Assert.That(item.ActiveRequestBlock!.ScanId, Is.EqualTo(item.ScanId[0]));
            Assert.That(primary, Is.TypeOf<ScanQueueStatus>(), "each queue travels as a ScanQueueStatus envelope");
        });
    }

    [Test]
    public void The_history_entry_of_the_finished_scan() // 02 797
    {
        var history = Recorded<ScanQueueHistoryMessage>("02", 797);
        Assert.That((history.Status, history.Queue, history.Info.Status), Is.EqualTo((QueueItemStatus.Completed, "primary", QueueItemStatus.Completed)));
        Assert.That(history.Info.QueueId, Is.EqualTo(history.QueueId));
    }

    [Test]
    public void A_bundle_of_three_points_with_a_numpy_reading() // 02 659
    {
        var bundle = Recorded<BundleMessage>("02", 659);
        var points = bundle.Messages.Cast<ScanMessage>().ToList();
        Assert.That(points.Select(p => p.PointId), Is.EqualTo(new[] { 0L, 1L, 2L }));
        var bpm = (NumpyScalar)points[0].Data["bpm4i"].AsMap()["bpm4i"].AsMap()["value"];
        Assert.That((bpm.TypeName, bpm.ToValue<uint>()), Is.EqualTo(("uint32", 105u)));
        Assert.That(points[0].Metadata["scan_report_devices"].AsList().AsStrings(), Is.EqualTo(new[] { "samx" }));
    }

    [Test]
    public void A_frame_for_the_live_view() // 02 496 (truncated to 2×2 in the recording)
    {
        var frame = Recorded<DeviceMonitor2DMessage>("02", 496);
        Assert.That((frame.Device, frame.Data.DType), Is.EqualTo(("eiger", "<u2")));
        Assert.That(frame.Data.Shape, Is.EqualTo(new[] { 2L, 2L }));
        Assert.That(frame.Data.ToArray<ushort>(), Is.EqualTo(new ushort[] { 1, 0, 0, 0 }));
    }

    [Test]
    public void The_master_file_announcement_a_client_waits_for() // 02 832
    {
        var file = Recorded<FileMessage>("02", 832);
        Assert.That((file.Done, file.Successful, file.IsMasterFile, file.FileType), Is.EqualTo((true, true, false, "h5")));
        Assert.That(file.FilePath, Does.Contain("_master"));
        Assert.That(file.DeviceName.IsNil && file.HintedH5Entries is null);
    }

    [Test]
    public void A_device_read_over_rpc() // 07 341, 375
    {
        var request = Recorded<ScanQueueMessage>("07", 341);
        var kwargs = request.Parameter["kwargs"].AsMap();
        Assert.That((request.ScanType, kwargs["func"].AsString()), Is.EqualTo(("device_rpc", "read")));
        Assert.That(kwargs["system_config"], Is.TypeOf<SystemConfig>(), "a SystemConfig envelope here, a plain dict in scan requests");
        var result = Recorded<DeviceRPCMessage>("07", 375);
        Assert.That((result.Device, result.Success, result.Out.AsString()), Is.EqualTo(("samx", true, "")));
        Assert.That(result.ReturnVal.AsMap().Keys, Is.EqualTo(new[] { "samx", "samx_setpoint", "samx_motor_is_moving" }));
    }

    [Test]
    public void The_abort_request_and_the_stop() // 06 777, 817
    {
        var abort = Recorded<ScanQueueModificationMessage>("06", 777);
        Assert.That((abort.Action, abort.ScanId.IsNil, abort.Queue, abort.Parameter.Count), Is.EqualTo((QueueModificationAction.Abort, true, "primary", 0)));
        Assert.That(abort.RequestId, Is.Not.Null);
        var stop = Recorded<VariableMessage>("06", 817);
        Assert.That(stop.Value.AsList().AsStrings(), Is.EqualTo(new[] { "eiger", "samx" }));
        Assert.That(stop.Metadata[MetadataKeys.StopId], Is.TypeOf<BecList>());
    }

    [Test]
    public void A_heartbeat_and_the_scan_number() // 01 285, 359
    {
        var beat = Recorded<StatusMessage>("01", 285);
        Assert.That((beat.Name, beat.Status, beat.Info.Versions.BecLib, beat.Info.Versions.BecWidgets), Is.EqualTo(("DeviceServer", BecStatus.Running, "3.165.1", "Not found")));
        var number = Recorded<VariableMessage>("01", 359);
        Assert.That(number.Value, Is.EqualTo(new BecMap { [""] = 0 }), "keyed by account, '' without one");
    }
}
