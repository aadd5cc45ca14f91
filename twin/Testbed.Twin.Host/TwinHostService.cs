using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>What <c>testbed twin serve</c> serves: the file, the port choice, where the resolved file goes (null: not written), the
/// control API (null: none), the file its URL is written to (null: not written), and how many exchanges each endpoint's wire
/// transcript keeps (null: <see cref="Metrics.WireTranscript.DefaultCapacity"/>).</summary>
public sealed record TwinServeOptions(BeamlineConfig Beamline, PortPolicy Ports, string? ResolvedPath,
    Control.ControlServerOptions? Control = null, string? ControlUrlPath = null, int? TranscriptCapacity = null);

/// <summary>Starts every endpoint of a beamline when the host starts, logs where each one listens (and writes the resolved beamline
/// file when asked), and stops them on shutdown.</summary>
public sealed class TwinHostService(TwinServeOptions options, TwinContext context, ILogger<TwinHostService> logger) : IHostedService
{
    private ServedBeamline? _served;
    private Control.ControlHttpServer? _control;

    /// <summary>The running twin, once started.</summary>
    public ServedBeamline? Served => _served;

    /// <summary>The control API's URL once started, or null when it is not served.</summary>
    public string? ControlUrl => _control?.Url;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        options.Control?.Check();
        _served = await ServedBeamline.StartAsync(options.Beamline, options.Ports, context,
            e => logger.LogInformation("{Name}: {Description} at {Address}", e.Name, e.Description, e.Address), cancellationToken);
        if (options.TranscriptCapacity is { } kept)
            foreach (var e in _served.Endpoints) e.Transcript.Capacity = kept;
        if (options.Control is { } control) await StartControlAsync(_served, control, cancellationToken);
        if (options.ResolvedPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var header = $"# {options.Beamline.Source} as served by `testbed twin serve --ports {options.Ports}`: every url: as bound.\n" +
                         (_control is null ? "" : $"# control API: {_control.Url}\n") +
                         "# Valid while that twin runs; it deletes this file when it stops.\n";
            await File.WriteAllTextAsync(path, header + _served.ResolvedText, cancellationToken);
            logger.LogInformation("resolved beamline file (for BLISS, the drivers, testbed demo --no-twin --beamline): {Path}", Path.GetFullPath(path));
        }
        // Faults are logged as they fire and clear, in twin time, so a run's log says what was done to it and when.
        _served.Faults.Timeline.Changed += LogFault;
        foreach (var r in _served.Faults.All) LogFault(r);
        logger.LogInformation("twin ready: {Count} endpoint(s); Ctrl-C stops", _served.Endpoints.Count);
    }

    private async Task StartControlAsync(ServedBeamline served, Control.ControlServerOptions control, CancellationToken cancellationToken)
    {
        var server = new Control.ControlHttpServer(new Control.TwinControl(served), control);
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await server.DisposeAsync();
            await served.DisposeAsync();
            throw new IOException($"control API: cannot listen on {control}: {e.Message}; choose another --control address or port", e);
        }
        _control = server;
        logger.LogInformation("control API at {Url}{Token}", server.Url, control.Token is null ? "" : " (bearer token required)");
        if (options.ControlUrlPath is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.WriteAllTextAsync(file, server.Url + "\n", cancellationToken);
            logger.LogInformation("control API URL written to {Path} (testbed twin ctl takes the file too)", Path.GetFullPath(file));
        }
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
        if (_control is not null) await _control.DisposeAsync();
        if (_served is not null) await _served.DisposeAsync();
        if (options.ResolvedPath is { } path) File.Delete(path);
        if (_control is not null && options.ControlUrlPath is { } urlFile) File.Delete(urlFile);
        logger.LogInformation("twin stopped");
    }
}
