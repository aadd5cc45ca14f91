using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>The per-frame NDAttribute values and writer performance numbers collected while a file is open (B1).</summary>
internal sealed class NdAttributeColumns(int capacity, TimeProvider performanceClock)
{
    private readonly long _opened = performanceClock.GetTimestamp();
    private long _previous;
    private long _first;

    public List<int> UniqueId { get; } = new(capacity);
    public List<double> TimeStamp { get; } = new(capacity);
    public List<uint> EpicsTsSec { get; } = new(capacity);
    public List<uint> EpicsTsNsec { get; } = new(capacity);

    /// <summary>ColorMode NDAttribute: 0 = Mono, the only mode this detector produces.</summary>
    public List<int> ColorMode { get; } = new(capacity);

    /// <summary>Rows of /entry/instrument/performance/timestamp: write time, period, runtime, instantaneous and average Mbit/s.</summary>
    public List<double> Performance { get; } = new(capacity * 5);

    public int Count => UniqueId.Count;

    public void Add(Frame frame)
    {
        UniqueId.Add(frame.UniqueId);
        TimeStamp.Add(frame.EpicsTimeStamp);
        var (sec, nsec) = frame.EpicsTime;
        EpicsTsSec.Add(sec);
        EpicsTsNsec.Add(nsec);
        ColorMode.Add(0);
        var now = performanceClock.GetTimestamp();
        if (Count == 1) { _first = now; _previous = now; }
        var written = performanceClock.GetElapsedTime(_opened, now).TotalSeconds;
        var period = performanceClock.GetElapsedTime(_previous, now).TotalSeconds;
        var runtime = performanceClock.GetElapsedTime(_first, now).TotalSeconds;
        var mbit = frame.ByteCount * 8 / 1e6;
        Performance.AddRange([written, period, runtime, period > 0 ? mbit / period : 0, runtime > 0 ? mbit * (Count - 1) / runtime : 0]);
        _previous = now;
    }
}
