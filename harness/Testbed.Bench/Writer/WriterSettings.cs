namespace Testbed.Bench.Writer;

/// <summary>Settings of <c>testbed bench writer</c>; the defaults are the command's defaults.</summary>
public sealed record WriterSettings
{
    /// <summary>Redis to read from; null: a private redis-server child.</summary>
    public string? Redis { get; init; }

    /// <summary>Folder for the files; null: a temporary folder under the current directory.</summary>
    public string? Dir { get; init; }

    /// <summary>Scan points.</summary>
    public int Points { get; init; } = 20_000;

    /// <summary>float64 scalar channels (plus one positioner).</summary>
    public int Channels { get; init; } = 8;

    /// <summary>float64 bins of the one spectrum channel.</summary>
    public int Bins { get; init; } = 1024;

    public int Repeat { get; init; } = 5;
}
