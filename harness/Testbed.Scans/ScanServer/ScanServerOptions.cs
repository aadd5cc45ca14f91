using Testbed.Scans.Bus;

namespace Testbed.Scans.ScanServer;

/// <summary>Settings of the scan server.</summary>
public sealed record ScanServerOptions : BecServiceOptions
{
    /// <summary>The blissdata Redis (<c>redis://host:port/db</c>; may be the BEC Redis with another database); null: no blissdata publication.
    /// An empty database is initialised for blissdata protocol 1.</summary>
    public string? BlissdataUrl { get; init; }

    /// <summary>The blissdata session the scans are published in (BLISS's session name).</summary>
    public string BlissdataSession { get; init; } = "bec";

    /// <summary>The file writer's base directory: scan files go to <c>&lt;base&gt;/S00000-00999/S00001/…</c> (file_components).</summary>
    public string FileBasePath { get; init; } = Path.Combine(Path.GetTempPath(), "testbed-data");

    /// <summary>The beamline file whose controllers the stack's device server drives (<see cref="DeviceServer.DeviceServerService"/>,
    /// drivers polling on <see cref="BecServiceOptions.Time"/>, reply timeouts in real time); null: no device server in this stack
    /// (another process runs one on the same Redis).</summary>
    public Testbed.Beamline.BeamlineConfig? Beamline { get; init; }

    /// <summary>How long the device server may take to acknowledge (running) an instruction.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an acknowledged instruction may take to complete (the longest move or exposure expected).</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
