using Testbed.Beamline;
using Testbed.Demo.Stack;
using Testbed.Scenarios.Checks;
using Testbed.Scenarios.Model;
using Testbed.Scenarios.Reports;
using Testbed.Twin.Faults;

namespace Testbed.Scenarios.Running;

/// <summary>Runs one scenario in an environment of its own — a private redis-server, the twin on free ports in a folder of its own, the
/// scan stack on the twin's clock — then evaluates its assertions and writes its report.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/>; never throws for what the scenario does (that is its outcome), only for cancellation.</summary>
    /// <param name="scenario">What to run.</param>
    /// <param name="options">Where and how.</param>
    /// <param name="onLog">Receives each log line as it happens (the live table's "now" column), or null.</param>
    /// <param name="ct">Stops the run (Ctrl-C); the scenario then fails as interrupted.</param>
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, ScenarioRunOptions options, Action<LogEntry>? onLog = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var wall = TimeProvider.System.GetTimestamp();
        var empty = new Dictionary<string, ScanRecord>();
        if (!scenario.Targets.Contains(options.Target))
            return new ScenarioResult(scenario, options.Target, ScenarioOutcome.Skipped,
                $"not for {Target(options.Target)}: the scenario runs on {string.Join(" and ", scenario.Targets.Select(Target))}",
                TimeSpan.Zero, TimeSpan.Zero, [], [], empty, new Dictionary<string, string>(), null, new Dictionary<string, ScanDigest>());

        var work = WorkFolder(scenario);
        var log = new RunLog();
        string? failure = null;
        StackEnvironment? environment = null;
        ScenarioSession? session = null;
        var checks = new List<CheckOutcome>();
        var digests = new Dictionary<string, ScanDigest>();
        var transcripts = new Dictionary<string, string>();
        string? report = null;
        double virtualEnd = 0;
        using var timeout = new CancellationTokenSource(scenario.Timeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
        if (onLog is not null) log.Added += onLog;
        void Note(string kind, string text) => log.Add(kind, text);
        try
        {
            var beamline = options.Target == ScenarioTarget.Twin ? BeamlineCopy.Write(scenario.Beamline, scenario.Seed, work) : scenario.Beamline;
            environment = await StackEnvironment.StartAsync(new StackEnvironmentOptions
            {
                Beamline = beamline,
                Rate = options.Rate ?? scenario.Rate,
                StartTwin = options.Target == ScenarioTarget.Twin,
                DurableRedis = scenario.RestartsRedis,
            }, _ => { }, w => Note("warn", w), linked.Token);
            if (environment.Clock is { } clock) log.Clock = () => clock.Elapsed.TotalSeconds;
            if (environment.Twin is { } twin)
            {
                twin.Faults.Timeline.Changed += r => Note("fault", Describe(r));
                twin.Faults.Arm(scenario.Faults);
            }
            Note("note", $"started on {environment.BecUrl} (blissdata {environment.BlissdataUrl}), twin rate {options.Rate ?? scenario.Rate:G6}, data in {environment.DataRoot}");
            session = await ScenarioSession.StartAsync(scenario, environment, work, log);
            var steps = new StepExecutor(session, options.Target);
            foreach (var step in scenario.State) await steps.RunAsync(step, linked.Token);
            foreach (var step in scenario.Steps) await steps.RunAsync(step, linked.Token);
        }
        catch (ScenarioStepException e)
        {
            failure = e.Message;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            failure = $"{scenario.Source}: did not finish within {scenario.Timeout.TotalSeconds:G6} s of real time; last: {log.Entries.LastOrDefault()?.Text ?? "nothing happened"} (raise timeout: if it is slow, not hung)";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            failure = "interrupted";
        }
        catch (Exception e) when (StackEnvironment.IsRuntimeFailure(e) || e is ConfigException or ArgumentException or Twin.Host.Control.ControlException)
        {
            failure = e.Message;
        }
        try
        {
            if (failure is not null) Note("error", failure);
            if (session is not null && !ct.IsCancellationRequested)
            {
                virtualEnd = session.Now;
                var goldens = options.UpdateGoldens ? null : TryReadGoldens(scenario, ref failure);
                var evaluator = new CheckEvaluator(session, options.Target, goldens, options.UpdateGoldens);
                foreach (var check in scenario.Checks) checks.Add(await evaluator.EvaluateAsync(check));
                foreach (var (name, digest) in evaluator.Digests) digests[name] = digest;
                if (options.UpdateGoldens && evaluator.Digests.Count > 0 && failure is null)
                    Note("note", $"goldens written to {GoldenStore.Write(scenario.Source, evaluator.Digests)}");
                var failed = failure is not null || checks.Any(c => c.Verdict == CheckVerdict.Failed);
                if (failed) Transcripts.Collect(session, checks, options.TranscriptLines, transcripts);
                if (options.ReportDirectory is { } dir) report = await MarkdownReport.WriteAsync(dir, session, checks, failure, transcripts);
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
            if (environment is not null) await environment.DisposeAsync();
        }
        var failedChecks = checks.Where(c => c.Verdict == CheckVerdict.Failed).ToList();
        var reason = failure ?? (failedChecks.Count == 0 ? null
            : $"{failedChecks[0].Check.Node.Location}: {failedChecks[0].Check.Describe()}: {failedChecks[0].Detail}" + (failedChecks.Count > 1 ? $" (and {failedChecks.Count - 1} more)" : ""));
        var outcome = reason is null ? ScenarioOutcome.Passed : ScenarioOutcome.Failed;
        if (outcome == ScenarioOutcome.Passed && !options.KeepWork) TryDelete(work);
        else Note("note", $"run folder kept: {work}");
        return new ScenarioResult(scenario, options.Target, outcome, reason, TimeProvider.System.GetElapsedTime(wall), TimeSpan.FromSeconds(virtualEnd),
            log.Entries, checks, session?.Scans ?? empty, transcripts, report, digests);
    }

    private static Dictionary<string, ScanDigest>? TryReadGoldens(Scenario scenario, ref string? failure)
    {
        try { return GoldenStore.Read(scenario.Source); }
        catch (ScenarioCheckException e)
        {
            failure ??= e.Message;
            return null;
        }
    }

    private static string Describe(FaultRecord r) => r.State switch
    {
        FaultState.Active => $"{r.Name} fired: {r.Spec.Describe()}",
        FaultState.Armed => $"{r.Name} armed: {r.Spec.Describe()}",
        _ => $"{r.Name} over" + (r.FiredAt is null ? " (never fired)" : ""),
    };

    private static string Target(ScenarioTarget t) => t.ToString().ToLowerInvariant();

    // Each run's folder (beamline copy, detector data, scan files): a new temporary folder, removed when the scenario passed.
    private static string WorkFolder(Scenario scenario)
    {
        var stem = string.Concat(Path.GetFileNameWithoutExtension(scenario.Source).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return Directory.CreateTempSubdirectory($"testbed-{stem}-").FullName;
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
