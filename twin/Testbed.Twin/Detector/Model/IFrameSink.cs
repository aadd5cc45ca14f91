namespace Testbed.Twin.Detector.Model;

/// <summary>Receives the frames of a series (the file writer); its failures put the detector in the error state.</summary>
public interface IFrameSink
{
    /// <summary>Called at arm: prepare names and directories; throw <see cref="IOException"/> or <see cref="DetectorCommandException"/> to refuse.</summary>
    Task BeginSeriesAsync(SeriesInfo series, CancellationToken cancellationToken);

    Task WriteFrameAsync(Frame frame, CancellationToken cancellationToken);

    /// <summary>Ends the series: <paramref name="keep"/> false (abort) drops unfinished files without announcing them; cancelling
    /// <paramref name="cancellationToken"/> while frames still wait to be written (a slow disk) turns it into an abort.</summary>
    Task EndSeriesAsync(bool keep, CancellationToken cancellationToken);
}

/// <summary>What an armed series will produce.</summary>
public sealed record SeriesInfo(int SequenceId, int Width, int Height, PixelType Type, int ImagesPerTrigger, int Triggers, TriggerMode TriggerMode)
{
    public int TotalImages => ImagesPerTrigger * Triggers;
}

/// <summary>A sink that drops frames (file writer disabled).</summary>
public sealed class NullFrameSink : IFrameSink
{
    public Task BeginSeriesAsync(SeriesInfo series, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteFrameAsync(Frame frame, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EndSeriesAsync(bool keep, CancellationToken cancellationToken) => Task.CompletedTask;
}
