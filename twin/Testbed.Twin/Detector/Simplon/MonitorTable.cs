using System.Text.Json.Nodes;
using Testbed.Twin.Detector.Files;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>monitor/api/1.8.0: mode, status, and the newest image as TIFF.</summary>
internal static class MonitorTable
{
    private static readonly string[] Modes = ["enabled", "disabled"];

    public static SimplonTable Config(DetectorTwin twin) => new(
    [
        new("mode", "string", () => twin.MonitorEnabled ? "enabled" : "disabled", v => twin.MonitorEnabled = v.GetString() == "enabled") { AllowedValues = Modes },
        new("buffer_size", "uint", () => 1),
    ]);

    public static SimplonTable Status(DetectorTwin twin) => new(
    [
        new("state", "string", () => "normal"),
        new("error", "list", () => new JsonArray()),
        new("buffer_fill_level", "list", () => new JsonArray(twin.Model.LatestFrame is null ? 0 : 1, 1)),
    ]);

    /// <summary>images/monitor: the newest frame as TIFF; 408 when there is none yet (no waiting in the twin).</summary>
    public static SimplonReply Image(DetectorTwin twin, string which)
    {
        if (which != "monitor") throw new SimplonException(404, $"monitor image '{which}' is not served; use images/monitor (the newest image)");
        if (!twin.MonitorEnabled) throw new SimplonException(400, "the monitor is disabled; PUT monitor/api/1.8.0/config/mode {\"value\": \"enabled\"} first");
        var frame = twin.Model.LatestFrame ?? throw new SimplonException(408, "no image acquired yet");
        using var ms = new MemoryStream();
        TiffFrameWriter.Write(ms, frame, twin.Writer.Manufacturer, twin.Writer.Model, TiffFrameWriter.DefaultAttributes(frame));
        return new SimplonReply(200, "image/tiff", ms.ToArray());
    }
}
