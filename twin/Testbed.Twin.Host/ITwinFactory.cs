using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>Builds the simulated endpoints of one device family from its beamline-file entries.</summary>
/// <remarks>Adding a device family = one factory in its own folder + one line in <see cref="TwinRegistry"/>.</remarks>
public interface ITwinFactory
{
    /// <summary>The BLISS <c>class:</c> names this factory simulates (compared case-insensitively).</summary>
    IReadOnlyCollection<string> Classes { get; }

    /// <summary>Validates the entry and creates its endpoints (not yet started). Config errors throw <see cref="ConfigException"/>.</summary>
    IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context);
}

/// <summary>One served endpoint of the twin (a UDP drive, a serial line, an HTTP detector …).</summary>
public interface ITwinEndpoint : IAsyncDisposable
{
    /// <summary>The controller name from the beamline file.</summary>
    string Name { get; }

    /// <summary>Where clients reach it, e.g. <c>udp://127.0.0.1:5001</c>; final once started (port 0 resolved).</summary>
    string Address { get; }

    /// <summary>The <c>url:</c> value that reaches it, in the beamline file's own grammar (e.g. <c>127.0.0.1:40123</c>,
    /// <c>rfc2217://127.0.0.1:40124</c>, an absolute pty link path); final once started.</summary>
    string Url { get; }

    /// <summary>A short description for the start-up log, e.g. "Elmo Gold drive (gold personality), axis rot".</summary>
    string Description { get; }

    /// <summary>The last exchanges on its wire (requests, replies, what faults did to them), on the twin's clock; for failure reports.</summary>
    Testbed.Twin.Metrics.WireTranscript Transcript { get; }

    Task StartAsync(CancellationToken cancellationToken);
}

/// <summary>What every twin gets: the simulation clock, logging, and the folder relative paths resolve against.</summary>
public sealed record TwinContext(TimeProvider Clock, Microsoft.Extensions.Logging.ILoggerFactory Loggers, string BaseDirectory)
{
    /// <summary>The beamline's world (from its <c>class: world</c> entry), or null when the file has none: devices then see constants.</summary>
    public Testbed.Twin.World.BeamlineWorld? World { get; init; }

    /// <summary>Where each drive registers its axis so the world can read its position.</summary>
    public World.AxisPositions Axes { get; init; } = new();
}
