using System.Text.Json.Nodes;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>detector/api/1.8.0/config and status keys (B5.2 subset).</summary>
internal static class DetectorConfigTable
{
    public static SimplonTable Config(DetectorTwin twin)
    {
        var m = twin.Model;
        var t = m.Timing;
        var g = twin.Geometry;
        Action<System.Text.Json.JsonElement> Configurable(string key, Action<System.Text.Json.JsonElement> set) => v =>
        {
            Guard(() => m.RequireConfigurable(key));
            Guard(() => set(v));
        };
        return new SimplonTable(
        [
            new("count_time", "float", () => t.CountTime, Configurable("count_time", v => t.SetCountTime(v.GetDouble())))
                { Unit = "s", Min = DetectorTiming.MinCountTime, Max = DetectorTiming.MaxCountTime },
            new("frame_time", "float", () => t.FrameTime, Configurable("frame_time", v => t.SetFrameTime(v.GetDouble())))
                { Unit = "s", Min = DetectorTiming.MinCountTime + t.ReadoutTime, Max = DetectorTiming.MaxCountTime + t.ReadoutTime },
            new("nimages", "uint", () => t.NImages, Configurable("nimages", v => t.SetNImages(v.GetInt64()))) { Min = 1, Max = DetectorTiming.MaxImages },
            new("ntrigger", "uint", () => t.NTrigger, Configurable("ntrigger", v => t.SetNTrigger(v.GetInt64()))) { Min = 1, Max = DetectorTiming.MaxImages },
            new("trigger_mode", "string", () => t.TriggerMode.Name(),
                Configurable("trigger_mode", v => t.SetTriggerMode(DetectorNames.ParseTriggerMode(v.GetString()!)!.Value))) { AllowedValues = DetectorNames.TriggerModes },
            new("detector_readout_time", "float", () => t.ReadoutTime) { Unit = "s" },
            new("x_pixels_in_detector", "uint", () => m.Width),
            new("y_pixels_in_detector", "uint", () => m.Height),
            new("bit_depth_image", "uint", () => m.PixelType.BytesPerPixel() * 8),
            new("bit_depth_readout", "uint", () => m.PixelType.BytesPerPixel() * 8),
            new("x_pixel_size", "float", () => g.XPixelSize) { Unit = "m" },
            new("y_pixel_size", "float", () => g.YPixelSize) { Unit = "m" },
            new("sensor_material", "string", () => g.SensorMaterial),
            new("sensor_thickness", "float", () => g.SensorThickness) { Unit = "m" },
            new("beam_center_x", "float", () => g.BeamCenterX, Configurable("beam_center_x", v => g.BeamCenterX = v.GetDouble())) { Unit = "pixel", Min = -1e6, Max = 1e6 },
            new("beam_center_y", "float", () => g.BeamCenterY, Configurable("beam_center_y", v => g.BeamCenterY = v.GetDouble())) { Unit = "pixel", Min = -1e6, Max = 1e6 },
            new("detector_distance", "float", () => g.DetectorDistance, Configurable("detector_distance", v => g.DetectorDistance = v.GetDouble())) { Unit = "m", Min = 0, Max = 100 },
            new("countrate_correction_count_cutoff", "uint", () => g.CountrateCorrectionCountCutoff) { Unit = "counts" },
            new("description", "string", () => twin.Description),
            new("detector_number", "string", () => g.DetectorNumber),
            new("software_version", "string", () => "1.8.0"),
            new("pixel_type", "string", () => m.PixelType.Name()),
        ]);
    }

    public static SimplonTable Status(DetectorTwin twin)
    {
        var m = twin.Model;
        return new SimplonTable(
        [
            new("state", "string", () => m.State.Name()),
            new("error", "list", () => m.Error is { } e ? new JsonArray(e) : new JsonArray()),
            new("time", "string", () => m.Now.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture)),
            new("sequence_id", "uint", () => m.SequenceId),
            new("array_counter", "uint", () => m.ArrayCounter),
            new("humidity", "float", () => 0.5) { Unit = "%" },
            new("temperature", "float", () => 25.0) { Unit = "degC" },
            new("high_voltage/state", "string", () => "READY"),
        ]);
    }

    /// <summary>Turns model refusals into 400 replies.</summary>
    public static void Guard(Action action)
    {
        try { action(); }
        catch (DetectorCommandException e) { throw new SimplonException(400, e.Message); }
        catch (ArgumentException e) { throw new SimplonException(400, e.Message); }
        catch (FormatException e) { throw new SimplonException(400, e.Message); }
    }
}
