using System.Text;
using Testbed.Fuzzing.Engine;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Model;
using Testbed.Twin.Detector.Simplon;

namespace Testbed.Fuzzing.Targets;

/// <summary>SIMPLON REST requests (method, URL, JSON body) into the detector twin's <see cref="SimplonApi"/>, the function the HTTP server forwards every request to.</summary>
/// <remarks>
/// An input is one or more requests separated by 0x1E, each <c>METHOD target\nbody</c>, run on a fresh twin. Bad input
/// is a reply, never an exception: 400/404/405/408 with a JSON error body. Checked: nothing escapes
/// <see cref="SimplonApi.HandleAsync"/>, every status is 200 or a 4xx, and every JSON reply body parses.
/// <c>command/arm</c> and <c>command/trigger</c> start acquisitions (files on disk, simulated exposures) rather than parse,
/// so they are not run; a trigger's body still goes through the same body parser.
/// </remarks>
internal sealed class SimplonRequestTarget : FuzzTarget
{
    private const byte Separator = 0x1E;
    private readonly string _root = Directory.CreateTempSubdirectory("testbed-fuzz-simplon-").FullName;
    // Fast virtual time: a monitor request with ?timeout= waits on the twin's clock, up to int.MaxValue ms ≈ 2 ms here.
    private readonly SimulationClock _clock = new(rate: 1e9);

    // Resources and bodies of spec B5 and the REST tests.
    public override IReadOnlyList<byte[]> Corpus { get; } = Bytes(
        "GET /detector/api/1.8.0/status/state\n",
        "PUT /detector/api/1.8.0/command/initialize\n\x1eGET /detector/api/1.8.0/config/count_time\n",
        "PUT /detector/api/1.8.0/command/initialize\n\x1ePUT /detector/api/1.8.0/config/count_time\n{\"value\": 0.1}",
        "PUT /detector/api/1.8.0/command/initialize\n\x1ePUT /detector/api/1.8.0/config/nimages\n{\"value\": 10}\x1eGET /detector/api/1.8.0/config/nimages\n",
        "PUT /detector/api/1.8.0/command/initialize\n\x1ePUT /detector/api/1.8.0/config/trigger_mode\n{\"value\": \"ints\"}",
        "PUT /detector/api/1.8.0/command/initialize\n\x1ePUT /filewriter/api/1.8.0/config/name_pattern\n{\"value\": \"series_$id\"}",
        "PUT /filewriter/api/1.8.0/config/mode\n{\"value\": \"enabled\"}\x1ePUT /filewriter/api/1.8.0/config/nimages_per_file\n{\"value\": 0}",
        "PUT /filewriter/api/1.8.0/config/file_template\n{\"value\": \"%s%s_%3.3d.h5\"}\x1ePUT /filewriter/api/1.8.0/config/file_path\n{\"value\": \"a/b\"}",
        "PUT /filewriter/api/1.8.0/config/create_directory\n{\"value\": -2}\x1eGET /filewriter/api/1.8.0/status/file_path_exists\n",
        "PUT /filewriter/api/1.8.0/config/file_layout\n{\"value\": \"simplon\"}\x1eGET /filewriter/api/1.8.0/config/data_path\n",
        "PUT /filewriter/api/1.8.0/config/xml_file_name\n{\"value\": \"layout.xml\"}\x1eGET /filewriter/api/1.8.0/status/xml_error_message\n",
        "GET /filewriter/api/1.8.0/files/\n\x1eGET /data/series_1_master.h5\n\x1eDELETE /data/series_1_master.h5\n",
        "PUT /monitor/api/1.8.0/config/mode\n{\"value\": \"enabled\"}\x1eGET /monitor/api/1.8.0/images/monitor?timeout=20\n",
        "GET /monitor/api/1.8.0/images/monitor\n\x1eGET /monitor/api/1.8.0/status/buffer_fill_level\n",
        "PUT /detector/api/1.8.0/command/trigger\n{\"value\": 0.5}\x1ePUT /detector/api/1.8.0/command/disarm\n",
        "PUT /detector/api/1.8.0/command/cancel\n\x1ePUT /detector/api/1.8.0/command/abort\n\x1ePUT /filewriter/api/1.8.0/command/clear\n",
        "GET /detector/api/version\n\x1eGET /system/api/1.8.0/status/state\n\x1eGET /stream/api/1.8.0/config/mode\n",
        "PUT /detector/api/1.8.0/command/initialize\n\x1ePUT /detector/api/1.8.0/config/beam_center_x\n{\"value\": 12.5, \"unit\": \"pixel\"}",
        "GET /detector/api/1.8.0/config/x_pixels_in_detector\n\x1eGET /detector/api/1.8.0/status/sequence_id\n");

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes(
        "/", "?", "&", "=", "%", "\n", "\x1e", "{\"value\": ", "}", "[", "]", "\"", ",", "null", "true", "1e400", "GET ", "PUT ", "DELETE ",
        "detector", "filewriter", "monitor", "api", "1.8.0", "config", "status", "command", "images", "files", "timeout=", "..");

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        var twin = new DetectorTwin(_clock, TimeProvider.System, new Twin.Detector.Files.DataRoot(_root), 16, 8, PixelType.UInt16, new SimulationSettings { Seed = 1 });
        var start = 0;
        while (start <= input.Length)
        {
            var end = Array.IndexOf(input, Separator, start);
            if (end < 0) end = input.Length;
            Request(twin, input.AsSpan(start, end - start));
            start = end + 1;
        }
    }

    private static void Request(DetectorTwin twin, ReadOnlySpan<byte> request)
    {
        var newline = request.IndexOf((byte)'\n');
        var line = Encoding.UTF8.GetString(newline < 0 ? request : request[..newline]);
        var body = newline < 0 ? [] : request[(newline + 1)..].ToArray();
        var space = line.IndexOf(' ');
        var (method, target) = space < 0 ? ("GET", line) : (line[..space], line[(space + 1)..]);
        if (IsAcquisition(method, target, out var trigger))
        {
            if (trigger)
            {
                try { SimplonApi.TriggerValue(body); }
                catch (SimplonException) { }
            }
            return;
        }
        var reply = twin.Api.HandleAsync(method, target, body).GetAwaiter().GetResult();
        if (reply.Status != 200 && reply.Status is < 400 or > 499)
            throw new FuzzInvariantException($"{method} {target} replied {reply.Status} {reply.Text}");
        if (reply.ContentType == "application/json" && reply.Body.Length > 0)
        {
            try { System.Text.Json.JsonDocument.Parse(reply.Body).Dispose(); }
            catch (System.Text.Json.JsonException e) { throw new FuzzInvariantException($"{method} {target}: reply is not JSON ({e.Message})"); }
        }
    }

    // The same split the router makes: /detector/api/1.8.0/command/{arm,trigger} with PUT.
    private static bool IsAcquisition(string method, string target, out bool trigger)
    {
        var q = target.IndexOf('?');
        var parts = (q >= 0 ? target[..q] : target).Trim('/').Split('/');
        var command = parts.Length >= 5 && parts[0] == "detector" && parts[1] == "api" && parts[2] == SimplonApi.Version && parts[3] == "command"
                      && method.Equals("PUT", StringComparison.OrdinalIgnoreCase)
            ? string.Join('/', parts[4..]) : null;
        trigger = command == "trigger";
        return command is "arm" or "trigger";
    }

    protected override void Dispose(bool disposing)
    {
        _clock.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
