using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Targets;

/// <summary>What a SIMPLON detector answers (HTTP status and JSON body per request) into the driver's <see cref="SimplonDetector"/>.</summary>
/// <remarks>
/// An input is the reply to each request in turn, separated by 0x1E, each <c>STATUS\nbody</c> (no status line = 200);
/// past the end the connection is refused. The driver configures (with fixed file names and preview), reads the frame
/// geometry, arms, triggers, waits for the series, stops, fetches a preview and reads the state. Bad input is a
/// <see cref="SimplonRequestException"/>; also documented: <see cref="TimeoutException"/> from the wait, and the
/// file-count mismatch <see cref="InvalidOperationException"/> of <see cref="FrameReferences.Map"/>.
/// </remarks>
internal sealed class SimplonReplyTarget : FuzzTarget
{
    private static readonly SimplonDetectorOptions Options = new("det1", "http://127.0.0.1:8081", "/data/det1") { PollInterval = TimeSpan.Zero };
    private static readonly AreaDetectorSettings Series = new(0.1, Images: 2, FramesPerFile: 1, FileTemplate: "%s%s_%04d.h5", FileNumber: 1);

    // A whole series as the twin answers it (spec B5): configure (17 requests), geometry (3), arm (2), trigger, wait (4), stop, preview, state.
    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Script(
            "{\"value\": \"idle\", \"value_type\": \"string\"}", "[\"trigger_mode\"]", "[\"count_time\", \"frame_time\"]", "[\"nimages\"]", "[\"ntrigger\"]",
            "[\"mode\"]", "[\"name_pattern\"]", "[\"nimages_per_file\"]", "[\"file_path\"]", "[\"file_format\"]", "[\"file_write_mode\"]",
            "[\"file_template\"]", "[\"file_number\"]", "[\"auto_increment\"]", "[\"mode\"]", "{\"value\": \"/entry/data/data\"}",
            "{\"value\": 32}", "{\"value\": 16}", "{\"value\": \"uint16\"}",
            "{\"value\": [], \"value_type\": \"list\"}", "{\"sequence id\": 1}", "",
            "{\"value\": \"idle\"}", "{\"value\": \"ready\"}", "{\"value\": [\"a_0001.h5\", \"a_0002.h5\"]}",
            "", "200\nII*\u0000", "{\"value\": \"idle\"}"),
        Script("{\"value\": \"na\"}", "", "400\n{\"error\": \"'count_time' = 0 is out of range\"}"),
        Script("{\"value\": \"idle\"}", "[]", "[]", "[]", "[]", "[]", "[]", "[]", "404\n{\"error\": \"no key\"}", "404\n", "404\n", "404\n",
            "[\"file_number\"]", "[1]", "[\"mode\"]", "404\n", "{\"value\": 1024}", "{\"value\": 512}", "404\n", "{\"value\": 16}"),
        Script("{\"value\": \"error\"}", "{\"value\": [\"overheat\"]}", "408\n", "500\nnot json", "{\"series id\": 7}", "{\"value\": \"error\"}",
            "{\"value\": [\"disk full\"]}"),
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } =
        [[Records.Separator], .. Bytes("{", "}", "[", "]", ",", "\"", "null", "true", "1e400", "-1", "2147483648", "\"value\": ", "\"idle\"", "\"error\"", "404\n", "408\n", "200\n")];

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        var detector = new SimplonDetector(Options, handler: new ScriptedHttpHandler(Records.Split(input)));
        Try(() => detector.ConfigureAsync(Series));
        Try(() => detector.FrameGeometryAsync());
        Try(() => detector.ArmAsync());
        Try(() => detector.TriggerAsync());
        Try(() => detector.WaitAsync(TimeSpan.FromSeconds(10)));
        Try(() => detector.StopAsync(abort: false));
        Try(() => detector.PreviewAsync());
        Try(() => detector.StateAsync());
        detector.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void Try(Func<Task> call)
    {
        try { call().GetAwaiter().GetResult(); }
        catch (SimplonRequestException) { }
        catch (TimeoutException) { }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType == typeof(FrameReferences)) { }
    }

    private static byte[] Script(params string[] replies) => Records.Join([.. replies.Select(System.Text.Encoding.UTF8.GetBytes)]);
}
