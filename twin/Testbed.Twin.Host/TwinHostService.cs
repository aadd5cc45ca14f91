using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>What <c>testbed twin serve</c> serves: the file, the port choice, and where the resolved file goes (null: not written).</summary>
public sealed record TwinServeOptions(BeamlineConfig Beamline, PortPolicy Ports, string? ResolvedPath);

/// <summary>Starts every endpoint of a beamline when the host starts, logs where each one listens (and writes the resolved beamline
/// file when asked), and stops them on shutdown.</summary>
public sealed class TwinHostService(TwinServeOptions options, TwinContext context, ILogger<TwinHostService> logger) : IHostedService
{
    private ServedBeamline? _served;

    /// <summary>The running twin, once started.</summary>
    public ServedBeamline? Served => _served;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _served = await ServedBeamline.StartAsync(options.Beamline, options.Ports, context,
            e => logger.LogInformation("{Name}: {Description} at {Address}", e.Name, e.Description, e.Address), cancellationToken);
        if (options.ResolvedPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var header = $"# {options.Beamline.Source} as served by `testbed twin serve --ports {options.Ports}`: every url: as bound.\n" +
                         "# Valid while that twin runs; it deletes this file when it stops.\n";
            await File.WriteAllTextAsync(path, header + _served.ResolvedText, cancellationToken);
            logger.LogInformation("resolved beamline file (for BLISS, the drivers, testbed demo --no-twin --beamline): {Path}", Path.GetFullPath(path));
        }
        // Faults are logged as they fire and clear, in twin time, so a run's log says what was done to it and when.
        _served.Faults.Timeline.Changed += LogFault;
        foreach (var r in _served.Faults.All) LogFault(r);
        logger.LogInformation("twin ready: {Count} endpoint(s); Ctrl-C stops", _served.Endpoints.Count);
    }

    private void LogFault(Testbed.Twin.Faults.FaultRecord r)
    {
        var at = (r.State == Testbed.Twin.Faults.FaultState.Cleared ? r.ClearedAt : r.FiredAt)?.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        switch (r.State)
        {
            case Testbed.Twin.Faults.FaultState.Armed: logger.LogInformation("fault armed: {Fault}", r.Spec.Describe()); break;
            case Testbed.Twin.Faults.FaultState.Active: logger.LogWarning("fault {Name} fired at {At} s: {Fault}", r.Name, at, r.Spec.Describe()); break;
            default: logger.LogInformation("fault {Name} cleared at {At} s", r.Name, at); break;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_served is not null) await _served.DisposeAsync();
        if (options.ResolvedPath is { } path) File.Delete(path);
        logger.LogInformation("twin stopped");
    }
}
