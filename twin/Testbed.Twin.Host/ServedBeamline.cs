using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>A beamline's twin, started on the ports a <see cref="PortPolicy"/> chose: its endpoints and the resolved file clients use.</summary>
public sealed class ServedBeamline : IAsyncDisposable
{
    private readonly string? _runDirectory;

    private ServedBeamline(BeamlineConfig served, IReadOnlyList<ITwinEndpoint> endpoints, string? runDirectory)
    {
        Served = served;
        Endpoints = endpoints;
        _runDirectory = runDirectory;
        ResolvedText = BeamlinePorts.Resolve(served, endpoints);
        Resolved = BeamlineConfig.Parse(ResolvedText, served.Source);
    }

    /// <summary>The beamline as served (ports mapped, pty links moved); its <c>url:</c>s may still say port 0.</summary>
    public BeamlineConfig Served { get; }

    public IReadOnlyList<ITwinEndpoint> Endpoints { get; }

    /// <summary>The file with every <c>url:</c> as bound and absolute paths: what BLISS or the drivers need.</summary>
    public string ResolvedText { get; }

    /// <summary><see cref="ResolvedText"/> read back (errors name the original file: lines are the same).</summary>
    public BeamlineConfig Resolved { get; }

    /// <summary>Creates and starts every endpoint; when one fails, none is left running. Pty links of a policy other than
    /// <see cref="PortPolicy.AsFile"/> go into <c>run/&lt;process id&gt;</c> beside the beamline file.</summary>
    public static async Task<ServedBeamline> StartAsync(BeamlineConfig config, PortPolicy policy, TwinContext context,
        Action<ITwinEndpoint>? onStarted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        var runDirectory = policy.KeepsFile ? null : Path.Combine(config.BaseDirectory, "run", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var served = BeamlinePorts.Apply(config, policy, runDirectory ?? "");
        if (runDirectory is not null && served.Addresses().Any(a => a.Address.Scheme == "tty")) Directory.CreateDirectory(runDirectory);
        var endpoints = TwinRegistry.CreateAll(served, context);
        try
        {
            await TwinEndpoints.StartAllAsync(endpoints, onStarted, cancellationToken);
        }
        catch
        {
            RemoveRunDirectory(runDirectory);
            throw;
        }
        return new ServedBeamline(served, endpoints, runDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await TwinEndpoints.StopAllAsync(Endpoints, null);
        RemoveRunDirectory(_runDirectory);
    }

    private static void RemoveRunDirectory(string? path)
    {
        if (path is null || !Directory.Exists(path) || Directory.EnumerateFileSystemEntries(path).Any()) return;
        try { Directory.Delete(path); }
        catch (IOException) { }
    }
}
