using System.Text.Json.Nodes;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

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

    /// <summary>How long images/monitor waits for an image when there is none (SIMPLON default), in ms of the twin's clock.</summary>
    public const int DefaultTimeoutMs = 500;

    /// <summary>images/monitor: the newest frame as TIFF; with none yet, waits up to <c>?timeout=</c> ms (default 500) for one, then 408.</summary>
    public static async Task<SimplonReply> ImageAsync(DetectorTwin twin, string which, string query)
    {
        if (which != "monitor") throw new SimplonException(404, $"monitor image '{which}' is not served; use images/monitor (the newest image)");
        var timeout = Timeout(query);
        if (!twin.MonitorEnabled) throw new SimplonException(400, "the monitor is disabled; PUT monitor/api/1.8.0/config/mode {\"value\": \"enabled\"} first");
        var frame = await NewestAsync(twin, timeout)
            ?? throw new SimplonException(408, $"no image acquired within {timeout.TotalMilliseconds:0} ms; arm and trigger the detector, or pass a longer ?timeout=<ms>");
        using var ms = new MemoryStream();
        TiffFrameWriter.Write(ms, frame, twin.Writer.Manufacturer, twin.Writer.Model, TiffFrameWriter.DefaultAttributes(frame));
        return new SimplonReply(200, "image/tiff", ms.ToArray());
    }

    private static async Task<Frame?> NewestAsync(DetectorTwin twin, TimeSpan timeout)
    {
        var arrived = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFrame(Frame f) => arrived.TrySetResult(f);
        // Subscribed before looking, so a frame made in between is not missed.
        twin.Model.FrameAcquired += OnFrame;
        try
        {
            if (twin.Model.LatestFrame is { } latest) return latest;
            return await arrived.Task.WaitAsync(timeout, twin.Clock);
        }
        catch (TimeoutException)
        {
            return twin.Model.LatestFrame;
        }
        finally
        {
            twin.Model.FrameAcquired -= OnFrame;
        }
    }

    private static TimeSpan Timeout(string query)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var i = pair.IndexOf('=');
            var (key, value) = i >= 0 ? (pair[..i], Uri.UnescapeDataString(pair[(i + 1)..])) : (pair, "");
            if (key != "timeout") continue;
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms))
                throw new SimplonException(400, $"timeout '{value}' must be a whole number of milliseconds (0…{int.MaxValue})");
            return TimeSpan.FromMilliseconds(ms);
        }
        return TimeSpan.FromMilliseconds(DefaultTimeoutMs);
    }
}
