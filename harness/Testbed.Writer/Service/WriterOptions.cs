using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Testbed.Writer.Service;

/// <summary>Settings of the scan-file writer.</summary>
public sealed record WriterOptions
{
    /// <summary>The blissdata Redis (<c>redis://host:port/db</c>).</summary>
    public required string RedisUrl { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>How often what is written reaches the file while a scan runs.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one read waits for new points before the writer looks at the scan's state and flushes.</summary>
    public TimeSpan ReadWait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Most entries one read takes from each stream: larger reads mean fewer round trips for scans of small entries.</summary>
    public int ReadBatch { get; init; } = 1000;

    /// <summary>About how many bytes one read brings: entries of blocks of spectra or images are read a few at a time, so reading
    /// the next overlaps writing this one and no reply holds a whole stream in memory.</summary>
    public long ReadBytes { get; init; } = 4 << 20;

    /// <summary>After how many bytes read a background collection returns the Redis client's large payload arrays (null: never).</summary>
    public long? CollectEvery { get; init; } = 64 << 20;

    /// <summary>Write each scan's points in SWMR mode: readers that open the file with SWMR read (h5py <c>swmr=True</c>, silx)
    /// see every flush while the scan runs. New files are then in the 1.10 format (libhdf5 ≥ 1.10 readers only).</summary>
    public bool Swmr { get; init; }

    /// <summary>How often to look again for a blissdata database no publisher has initialised yet.</summary>
    public TimeSpan ConnectRetry { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>At start, how many of the newest history entries are looked at for scans not closed, or left incomplete by an earlier run.</summary>
    public int ResumeLookback { get; init; } = 50;

    /// <summary>BEC's file writer too: heartbeat <c>FileWriterManager</c> and the master-file messages of each scan with a <c>bec_scan_id</c>;
    /// those scans are written even without <c>save</c> (BEC scans always have a file).</summary>
    public BecMode? Bec { get; init; }
}

/// <summary>BEC mode: the BEC Redis (often the same server) and the user/host the heartbeat reports.</summary>
public sealed record BecMode(string RedisUrl)
{
    public string User { get; init; } = Environment.UserName;

    public string Hostname { get; init; } = Environment.MachineName;

    /// <summary>How long the scan history entry waits, after the blissdata scan closed, for the scan server's final ScanStatusMessage
    /// (its exit status, numbers and times); without it they come from the blissdata scan (writer's clock).</summary>
    public TimeSpan StatusWait { get; init; } = TimeSpan.FromSeconds(10);
}
