using Testbed.Blissdata;
using Testbed.Demo.Stack;
using Testbed.Scans.Client;
using Testbed.Scenarios.Checks;
using Testbed.Scenarios.Model;
using Testbed.Twin.Host.Control;

namespace Testbed.Scenarios.Running;

/// <summary>One scenario's running world: the stack environment, a BEC client, the twin's control API, and what happened so far.</summary>
internal sealed class ScenarioSession : IAsyncDisposable
{
    private readonly RunLog _log;
    private DataStore? _store;

    private ScenarioSession(Scenario scenario, StackEnvironment environment, ScanClient client, string work, RunLog log)
    {
        _log = log;
        Scenario = scenario;
        Environment = environment;
        Client = client;
        Work = work;
        Control = environment.Twin is { } twin ? new TwinControl(twin) : null;
    }

    public Scenario Scenario { get; }

    public StackEnvironment Environment { get; }

    public ScanClient Client { get; }

    /// <summary>The twin's control API, or null against hardware.</summary>
    public TwinControl? Control { get; }

    /// <summary>The run's folder.</summary>
    public string Work { get; }

    public Dictionary<string, ScanRecord> Scans { get; } = new(StringComparer.Ordinal);

    /// <summary>The scan running now (its progress), or null.</summary>
    public ScanPoints? Running { get; set; }

    /// <summary>Twin seconds since the twin started (real seconds against hardware, since the run started).</summary>
    public double Now => _log.Now;

    public static async Task<ScenarioSession> StartAsync(Scenario scenario, StackEnvironment environment, string work, RunLog log)
    {
        // The client waits for messages in real time: its answer and file timeouts guard round trips, which do not scale with the twin.
        var client = await ScanClient.ConnectAsync(environment.BecUrl);
        return new ScenarioSession(scenario, environment, client, work, log);
    }

    public void Note(string kind, string text) => _log.Add(kind, text);

    /// <summary>What happened so far.</summary>
    public IReadOnlyList<LogEntry> Log => _log.Entries;

    /// <summary>The blissdata store of the run (connected on first use).</summary>
    public async Task<DataStore> StoreAsync() => _store ??= await DataStore.ConnectAsync(Environment.BlissdataUrl);

    /// <summary>The published data of scan <paramref name="name"/>; a clear error when it was never published.</summary>
    public async Task<ScanData> DataAsync(string name)
    {
        var record = Scans.GetValueOrDefault(name) ?? throw new ScenarioCheckException($"scan {name} did not run (an earlier step failed)");
        var key = record.Result?.BlissdataKey
            ?? throw new ScenarioCheckException($"scan {name} was not published with blissdata ({record.Refusal ?? record.Error ?? record.Result?.Failure ?? "no key"})");
        return await ScanData.LoadAsync(await StoreAsync(), key);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        await Client.DisposeAsync();
    }
}
