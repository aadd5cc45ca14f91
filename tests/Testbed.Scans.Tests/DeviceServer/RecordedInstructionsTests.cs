using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>The recorded scan server's instructions of fixture 02 (line_scan of samx with bpm4i and eiger), replayed byte for byte to
/// our device server driving a twin with devices of the same names: each is acknowledged as the recorded device server did.</summary>
public class RecordedInstructionsTests
{
    private const string Beamline = """
        - class: elmo
          name: samx_ctrl
          udp: {url: "127.0.0.1:5001", timeout: 2}
          axes: [{name: samx, unit: mm, steps_per_unit: 1000, velocity: 20, acceleration: 200, low_limit: -50, high_limit: 50}]
        - class: elmo
          name: samy_ctrl
          udp: {url: "127.0.0.1:5002", timeout: 2}
          axes: [{name: samy, unit: mm, steps_per_unit: 1000, velocity: 20, acceleration: 200, low_limit: -50, high_limit: 50}]
        - class: keithley
          name: bpm4
          model: 6485
          serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400, timeout: 2}
          sensors: [{name: bpm4i, address: 1, nplc: 0.1, auto_range: true}]
          twin: {current: 2.5e-9}
        - class: simplon_detector
          name: eiger
          http: {url: "http://127.0.0.1:8081"}
          data_root: data/eiger
          twin: {width: 20, height: 10, dtype: uint16, mode: linear_ramp, seed: 3}
        """;

    [Test]
    public async Task Fixture_02s_instructions_get_the_recorded_acknowledgements()
    {
        var session = RecordedSession.Load("02-line_scan");
        await using var h = await TwinStack.StartAsync(Beamline);
        var recorded = session.By("DeviceServer").Where(l => l.Op == "PUBLISH" && l.Key == "internal/devices/instructions_response")
            .Select(l => (DeviceInstructionResponse)l.Message).GroupBy(r => r.InstructionId).ToDictionary(g => g.Key, g => g.ToList());
        var sent = 0;
        foreach (var line in session.By("ScanServer"))
        {
            if (line.Op == "SET" && line.Key.StartsWith("info/public/", StringComparison.Ordinal) && line.Key.EndsWith("/scan_info", StringComparison.Ordinal))
                await h.Redis.Bec.StringSetAsync(line.Key, line.Payload); // what a camera learns of the scan (exp_time, readouts)
            if (line.Op != "PUBLISH" || line.Key != "internal/devices/instructions") continue;
            var ins = (DeviceInstructionMessage)line.Message;
            var id = ins.Metadata["device_instr_id"].AsString();
            await h.Client.PublishRawAsync(line.Key, line.Payload!);
            sent++;
            var ours = await Eventually.ValueAsync(() => h.Responses.Where(r => r.InstructionId == id).ToList(),
                l => l.Any(r => r.Status != InstructionStatus.Running), $"the end of {ins.Action} {ins.Device}", TimeSpan.FromSeconds(30));
            var expected = recorded[id];
            Assert.That(ours.Select(Shape), Is.EqualTo(expected.Select(Shape)), $"{ins.Action} {ins.Device}: status sequence (status, result_is_status, result)");
            foreach (var r in ours)
            {
                Assert.That(r.Device.ToString(), Is.EqualTo(ins.Device.ToString()), $"{ins.Action}: device as the instruction names it");
                Assert.That(r.Metadata.ToString(), Is.EqualTo(ins.Metadata.ToString()), $"{ins.Action}: the instruction's metadata");
                Assert.That(BecCodec.Encode(r.Instruction), Is.EqualTo(BecCodec.Encode(ins)), $"{ins.Action}: the instruction echoed");
                Assert.That(r.ErrorInfo, Is.Null);
            }
        }
        Assert.That(sent, Is.EqualTo(21), "the 21 instructions of the recorded line_scan");

        var read = await h.Client.Bec.GetAsync(MessageEndpoints.DeviceRead("bpm4i"));
        Assert.That(read!.Metadata["point_id"].AsInt64(), Is.EqualTo(4), "the last monitored read carries its point_id");
        Assert.That(((BecMap)read.Signals["bpm4i"])["value"].AsDouble(), Is.EqualTo(2.5e-9).Within(2.5e-10), "the twin's current, in A");
        var samx = await h.Client.Bec.GetAsync(MessageEndpoints.DeviceReadback("samx"));
        Assert.That(((BecMap)samx!.Signals["samx"])["value"].AsDouble(), Is.EqualTo(1.0).Within(0.001), "samx where the last set sent it");
        var status = await h.Client.Bec.GetAsync(MessageEndpoints.DeviceStatus("samx"));
        Assert.That(status!.Status, Is.EqualTo(0), "samx done moving");
    }

    private static (string, bool?, string) Shape(DeviceInstructionResponse r) => (r.Status.ToString(), r.ResultIsStatus, r.Result.ToString());
}
