using System.Text.RegularExpressions;

using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Tests.Fixtures;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Endpoints;

/// <summary>BEC's endpoint strings verbatim, their operation families, and the checks BEC's validate_endpoint makes.</summary>
public class MessageEndpointsTests
{
    [Test]
    public void Parameterised_endpoints_give_BECs_key_strings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MessageEndpoints.DeviceRead("samx").Endpoint, Is.EqualTo("info/devices/read/samx"));
            Assert.That(MessageEndpoints.DeviceReadback("samx").Endpoint, Is.EqualTo("info/devices/readback/samx"));
            Assert.That(MessageEndpoints.ScanQueueRequest("default").Endpoint, Is.EqualTo("personal/default/queue/queue_request"));
            Assert.That(MessageEndpoints.PublicFile("155dad72", "master").Endpoint, Is.EqualTo("info/public/155dad72/file/master"));
            Assert.That(MessageEndpoints.PublicScanSegment("155dad72", "3").Endpoint, Is.EqualTo("info/public/155dad72/scan_segment/3"));
            Assert.That(MessageEndpoints.DeviceAsyncSignal("s1", "eiger", "image").Endpoint, Is.EqualTo("info/devices/async_signal/s1/eiger/image"));
            Assert.That(MessageEndpoints.ServiceStatus("BECClient/6317b626").Endpoint, Is.EqualTo("user/services/status/BECClient/6317b626"));
            Assert.That(MessageEndpoints.DeviceConfigRequestResponse("rid-1").Endpoint, Is.EqualTo("info/devices/config_request_response/rid-1"));
            Assert.That(MessageEndpoints.DeviceInstructions().Endpoint, Is.EqualTo("internal/devices/instructions"));
            Assert.That(MessageEndpoints.ScanSegment().Endpoint, Is.EqualTo("info/scans/scan_segment"));
            Assert.That(MessageEndpoints.FileContent().Endpoint, Is.EqualTo("internal/internal/file_content"));
        });
    }

    [Test]
    public void Endpoints_carry_their_class_and_operation_family()
    {
        var read = MessageEndpoints.DeviceRead("samx");
        Assert.That((read.Method, read.MessageType, read.Op), Is.EqualTo(("device_read", "DeviceMessage", MessageOp.SetPublish)));
        Assert.That(MessageEndpoints.DeviceStatus("samx").Op, Is.EqualTo(MessageOp.KeyValue));
        Assert.That(MessageEndpoints.ScanQueueHistory().Op, Is.EqualTo(MessageOp.List));
        Assert.That(MessageEndpoints.Log().Op, Is.EqualTo(MessageOp.Stream));
        Assert.That(MessageEndpoints.ActiveProcedureExecutions().Op, Is.EqualTo(MessageOp.Set));
        Assert.That(MessageEndpoints.DeviceInstructions().Op, Is.EqualTo(MessageOp.Send));
        Assert.That(MessageEndpoints.ServiceStatus("*").IsPattern, Is.True);
    }

    [Test]
    public void An_operation_outside_the_family_is_refused()
    {
        Assert.That(() => MessageEndpoints.DeviceStatus("samx").CheckOperation("set_and_publish"),
            Throws.TypeOf<IncompatibleRedisOperationException>().With.Message.EqualTo(
                "set_and_publish is not allowed on 'info/devices/status/samx' (device_status: KEY_VALUE allows set, get, delete, keys)"));
        Assert.That(() => MessageEndpoints.DeviceInstructions().CheckOperation("set"), Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.That(() => MessageEndpoints.Log().CheckOperation("send"), Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.That(() => MessageEndpoints.ScanQueueHistory().CheckOperation("xadd"), Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.DoesNotThrow(() => MessageEndpoints.DeviceRead("samx").CheckOperation("get"));
        Assert.DoesNotThrow(() => MessageEndpoints.DeviceRead("samx").CheckOperation("register"));
    }

    [Test]
    public void A_message_of_another_class_is_refused_and_bundles_are_checked_inside()
    {
        var status = new DeviceStatusMessage { Device = "samx", Status = 1 };
        // The endpoint's class is generic-typed, so the runtime check matters when messages are handled as BecMessage.
        EndpointInfo read = MessageEndpoints.DeviceRead("samx");
        Assert.That(() => read.CheckMessage(status), Throws.TypeOf<IncompatibleMessageForEndpointException>().With.Message.EqualTo(
            "a DeviceStatusMessage cannot go to 'info/devices/read/samx' (device_read carries DeviceMessage)"));
        var points = new BundleMessage().Add(new ScanMessage { PointId = 0, ScanId = "s", Data = new BecMap() });
        Assert.DoesNotThrow(() => MessageEndpoints.ScanSegment().CheckMessage(points));
        points.Add(status);
        Assert.That(() => MessageEndpoints.ScanSegment().CheckMessage(points), Throws.TypeOf<IncompatibleMessageForEndpointException>());
        Assert.DoesNotThrow(() => MessageEndpoints.AtlasDeploymentIngest("d").CheckMessage(status), "Any");
    }

    [Test]
    public void The_catalogue_is_the_one_SciHub_publishes_on_public_endpoints() // 01 seq 449
    {
        var published = Recording.Payloads.Single(p => p.Key == "public/endpoints");
        var resource = BecCodec.DecodeMessage(published.Bytes)["resource"].AsMap();
        var recorded = resource.Entries.ToDictionary(
            e => e.Key.AsString(),
            e => e.Value.AsMap()["signature"].AsList().Select(s => s.AsMap()["name"].AsString()).ToArray());
        var ours = MessageEndpoints.Catalogue.ToDictionary(t => t.Method, t => t.Parameters.ToArray());
        Assert.That(ours.Keys, Is.EquivalentTo(recorded.Keys));
        Assert.That(ours, Has.Count.EqualTo(128));
        foreach (var (method, parameters) in recorded) Assert.That(ours[method], Is.EqualTo(parameters), method);
    }

    [Test]
    public void Every_recorded_key_matches_an_endpoint_with_the_recorded_class_and_a_fitting_command()
    {
        var commandsByOp = new Dictionary<MessageOp, string[]>
        {
            [MessageOp.Send] = ["PUBLISH", "SUBSCRIBE", "PSUBSCRIBE"],
            [MessageOp.SetPublish] = ["SET", "PUBLISH", "GET", "SUBSCRIBE", "PSUBSCRIBE", "DEL", "KEYS"],
            [MessageOp.KeyValue] = ["SET", "GET", "DEL", "KEYS"],
            [MessageOp.Stream] = ["XADD", "XREAD", "XRANGE", "XREVRANGE", "XINFO", "EXPIRE", "DEL", "KEYS"],
            [MessageOp.List] = ["LPUSH", "RPUSH", "LTRIM", "LRANGE", "EXPIRE", "DEL", "KEYS"],
            [MessageOp.Set] = ["SMEMBERS", "SREM", "DEL"],
        };
        var problems = new List<string>();
        var exercised = new HashSet<string>();
        foreach (var session in Recording.Sessions)
        {
            foreach (var line in Recording.Lines(session))
            {
                var op = (string)line["op"]!;
                var keys = line["keys"]?.AsArray().Select(k => (string)k!).ToList() ?? ((string?)line["key"] is { } k1 ? [k1] : []);
                // XINFO STREAM <key>: the recording's "key" is the subcommand.
                if (op == "XINFO") keys = [(string)line["args"]![0]!];
                foreach (var key in keys)
                {
                    // XREAD also names the ids after the keys; skip them.
                    if (Regex.IsMatch(key, @"^\d+-\d+$|^\$$|^0$")) continue;
                    var match = MessageEndpoints.Match(key);
                    if (match is null)
                    {
                        problems.Add($"{session} seq {line["seq"]}: {op} '{key}' matches no endpoint");
                        continue;
                    }
                    exercised.Add(match.Template.Method);
                    if (!commandsByOp[match.Template.Op].Contains(op))
                        problems.Add($"{session} seq {line["seq"]}: {op} on '{key}' but {match.Template.Method} is {MessageOps.WireName(match.Template.Op)}");
                    var type = (string?)line["message_type"];
                    // scan_segment carries a BundleMessage of ScanMessages (spec Appendix A).
                    if (type is not null && type != match.Template.MessageType && !(type == "BundleMessage" && match.Template.Method == "scan_segment"))
                        problems.Add($"{session} seq {line["seq"]}: a {type} on '{key}', {match.Template.Method} carries {match.Template.MessageType}");
                }
            }
        }
        Assert.That(problems, Is.Empty);
        TestContext.Out.WriteLine($"{exercised.Count} of 128 endpoints exercised by the recording");
        Assert.That(exercised, Has.Count.EqualTo(76)); // spec Appendix A: 76 exercised
    }

    [Test]
    public void Keys_are_matched_to_the_most_specific_endpoint()
    {
        Assert.That(MessageEndpoints.Match("user/gui/config/auto_update/g1")!.Template.Method, Is.EqualTo("gui_auto_update_config"));
        Assert.That(MessageEndpoints.Match("user/gui/config/g1")!.Template.Method, Is.EqualTo("gui_config"));
        var status = MessageEndpoints.Match("user/services/status/BECClient/6317b626")!;
        Assert.That((status.Template.Method, status.Arguments["service_id"]), Is.EqualTo(("service_status", "BECClient/6317b626")));
        Assert.That(MessageEndpoints.Match("info/public/abc/file/master")!.Arguments, Is.EquivalentTo(new Dictionary<string, string> { ["scan_id"] = "abc", ["name"] = "master" }));
        Assert.That(MessageEndpoints.Match("no/such/key"), Is.Null);
    }
}
