using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>A beamline's twin, started on the ports a <see cref="PortPolicy"/> chose: its endpoints and the resolved file clients use.</summary>
public sealed class ServedBeamline : IAsyncDisposable
{
    private readonly string? _runDirectory;

    private ServedBeamline(BeamlineConfig served, TwinBuild build, string? runDirectory, TimeProvider clock, Faults.FaultInjector faults)
    {
        Faults = faults;
        Served = served;
        Endpoints = build.Endpoints;
        World = build.World;
        Clock = clock;
        _runDirectory = runDirectory;
        ResolvedText = BeamlinePorts.Resolve(served, Endpoints);
        Resolved = BeamlineConfig.Parse(ResolvedText, served.Source);
    }

    /// <summary>The beamline as served (ports mapped, pty links moved); its <c>url:</c>s may still say port 0.</summary>
    public BeamlineConfig Served { get; }

    public IReadOnlyList<ITwinEndpoint> Endpoints { get; }

    /// <summary>The fault API: the file's declared faults are armed on it; inject, clear and list more at run time.</summary>
    public Faults.FaultInjector Faults { get; }

    /// <summary>The world coupling the devices, or null when the file has no <c>class: world</c> entry.</summary>
    public Testbed.Twin.World.BeamlineWorld? World { get; }

    /// <summary>The twin's clock (a <see cref="Clock.SimulationClock"/> when the host runs one): virtual time of every device.</summary>
    public TimeProvider Clock { get; }

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
        var build = TwinRegistry.Build(served, context);
        var worldName = served.OfClass(Testbed.Twin.Host.World.WorldTwinSettings.Class).FirstOrDefault()?.Name;
        // Time 0 of the fault timeline is the start of serving; declared faults at 0 s hold from the first datagram on.
        var faults = new Faults.FaultInjector(build.Endpoints, build.World, context.Clock, worldName);
        try
        {
            faults.Arm(served.Faults);
            await TwinEndpoints.StartAllAsync(build.Endpoints, onStarted, cancellationToken);
        }
        catch
        {
            faults.Dispose();
            RemoveRunDirectory(runDirectory);
            throw;
        }
        return new ServedBeamline(served, build, runDirectory, context.Clock, faults);
    }

    /// <summary>The wire transcripts of <paramref name="devices"/> (controller names; null = every endpoint), one block each headed
    /// by the name and address, for a failure report; a name that is no endpoint says so.</summary>
    public string FormatTranscripts(IEnumerable<string>? devices = null)
    {
        var names = devices?.ToList() ?? [.. Endpoints.Select(e => e.Name).Distinct()];
        var text = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            if (text.Length > 0) text.Append('\n');
            var endpoints = Endpoints.Where(e => e.Name == name).ToList();
            if (endpoints.Count == 0) text.Append(name).Append(": no such served device\n");
            foreach (var e in endpoints)
                text.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"{e.Name} ({e.Address}), wire transcript (last {e.Transcript.Capacity} exchanges):\n{e.Transcript.Format()}\n");
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Faults.Dispose();
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
