namespace Testbed.Twin.Detector.Model;

/// <summary>Exposure and series settings (SIMPLON count_time, frame_time, nimages, ntrigger, trigger_mode), validated on every change.</summary>
public sealed class DetectorTiming
{
    public const double MinCountTime = 1e-6;
    public const double MaxCountTime = 3600;
    public const int MaxImages = 1_000_000;

    public DetectorTiming(double readoutTime)
    {
        if (readoutTime < 0 || readoutTime > 1) throw new ArgumentOutOfRangeException(nameof(readoutTime), "readout time must be within 0…1 s");
        ReadoutTime = readoutTime;
        CountTime = 0.1;
        FrameTime = CountTime + ReadoutTime;
    }

    /// <summary>Dead time between two exposures, fixed by the sensor.</summary>
    public double ReadoutTime { get; }

    public double CountTime { get; private set; }

    public double FrameTime { get; private set; }

    public int NImages { get; private set; } = 1;

    public int NTrigger { get; private set; } = 1;

    public TriggerMode TriggerMode { get; private set; } = TriggerMode.Ints;

    /// <summary>Sets the exposure; frame_time grows if it would be shorter than count_time + readout.</summary>
    public void SetCountTime(double value)
    {
        if (!double.IsFinite(value) || value < MinCountTime || value > MaxCountTime)
            throw new DetectorCommandException($"count_time {value} s is out of range {MinCountTime}…{MaxCountTime} s");
        CountTime = value;
        if (FrameTime < CountTime + ReadoutTime) FrameTime = CountTime + ReadoutTime;
    }

    /// <summary>Sets the period; count_time shrinks if it would not fit with the readout time.</summary>
    public void SetFrameTime(double value)
    {
        if (!double.IsFinite(value) || value < MinCountTime + ReadoutTime || value > MaxCountTime + ReadoutTime)
            throw new DetectorCommandException($"frame_time {value} s is out of range {MinCountTime + ReadoutTime}…{MaxCountTime + ReadoutTime} s (count_time + readout {ReadoutTime} s)");
        FrameTime = value;
        if (CountTime > FrameTime - ReadoutTime) CountTime = FrameTime - ReadoutTime;
    }

    public void SetNImages(long value) => NImages = CheckCount("nimages", value);

    public void SetNTrigger(long value) => NTrigger = CheckCount("ntrigger", value);

    public void SetTriggerMode(TriggerMode mode) => TriggerMode = mode;

    private static int CheckCount(string key, long value) =>
        value is >= 1 and <= MaxImages ? (int)value : throw new DetectorCommandException($"{key} {value} is out of range 1…{MaxImages}");
}
