using System.Globalization;
using Testbed.Scans.Client;
using Testbed.Scans.Validation;
using Testbed.Scenarios.Checks;
using Testbed.Scenarios.Model;
using Testbed.Twin.Host.Control;
using Testbed.Twin.Host.Faults;

namespace Testbed.Scenarios.Running;

/// <summary>Does one step against the session: scans through Redis, moves, waits on the twin's clock, control-API actions, faults, Redis.</summary>
internal sealed class StepExecutor(ScenarioSession session, ScenarioTarget target)
{
    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="step"/>; a step that cannot be done throws <see cref="ScenarioStepException"/> with why.</summary>
    public async Task RunAsync(ScenarioStep step, CancellationToken ct)
    {
        if (step.TwinOnly && target == ScenarioTarget.Hardware)
        {
            session.Note("skip", $"{step.Describe()}: twin only, skipped on hardware");
            return;
        }
        if (step.AfterPoints is { } n)
        {
            if (session.Running is not { } running) throw new ScenarioStepException(step, "after_points: no scan is running");
            if (!await running.WaitAsync(n, ct))
            {
                session.Note("skip", $"{step.Describe()}: the scan ended at {running.Done} points, before after_points {n}");
                return;
            }
        }
        session.Note("step", step.Describe());
        switch (step)
        {
            case ScanStep scan: await ScanAsync(scan, ct); break;
            case MoveStep move: await MoveAsync(step, move.Targets, ct); break;
            case AlignStep align: await AlignAsync(align, ct); break;
            case WaitStep wait: await Task.Delay(wait.Duration, session.Environment.Time, ct); break;
            case StateStep set: Set(set); break;
            case ClockStep clock: Clock(clock); break;
            case FaultStep fault: Fault(fault); break;
            case RedisStep redis: await RedisAsync(redis, ct); break;
            case QueueStep queue: await session.Client.ModifyQueueAsync(queue.Action, session.Running?.ScanId); break;
            default: throw new ScenarioStepException(step, "this step is not implemented");
        }
    }

    private async Task ScanAsync(ScanStep step, CancellationToken ct)
    {
        var record = new ScanRecord(step) { StartedAt = session.Now };
        session.Scans[step.Name] = record;
        var points = new ScanPoints();
        session.Running = points;
        var during = Task.Run(async () =>
        {
            foreach (var s in step.During) await RunAsync(s, ct);
        }, CancellationToken.None);
        try
        {
            record.Result = await session.Client.RunAsync(step.Request, points, ct);
            session.Note("scan", $"scan {step.Name} (#{record.Result.ScanNumber}) ended {record.Result.Status?.ToString().ToLowerInvariant() ?? record.Result.QueueStatus}" +
                (record.Result.Failure is { } f ? $": {f}" : ""));
        }
        catch (ScanRefusedException e)
        {
            record.Refusal = e.Message;
            session.Note("scan", $"scan {step.Name} refused: {e.Message}");
        }
        catch (Exception e) when (e is ScanStackTimeoutException or StackExchange.Redis.RedisException or IOException or TimeoutException)
        {
            record.Error = e.Message;
            session.Note("error", $"scan {step.Name}: {e.Message}");
        }
        finally
        {
            record.EndedAt = session.Now;
            points.End();
            session.Running = null;
        }
        // Steps still waiting when the scan ended (a wait longer than the scan) finish on their own; a step that failed fails the scan step.
        try { await during; }
        catch (ScenarioStepException) { throw; }
        if (record.Error is not null) throw new ScenarioStepException(step, record.Error);
    }

    private async Task MoveAsync(ScenarioStep step, IReadOnlyList<(string Axis, double Target)> targets, CancellationToken ct)
    {
        var request = ScanRequest.Parse("umv", [.. targets.SelectMany(t => new[] { t.Axis, Number(t.Target) })]);
        ScanResult result;
        try { result = await session.Client.RunAsync(request, null, ct); }
        catch (Exception e) when (e is ScanRefusedException or ScanStackTimeoutException or ScanParameterException)
        {
            throw new ScenarioStepException(step, e.Message);
        }
        if (!result.Succeeded) throw new ScenarioStepException(step, $"{request.Text} ended {result.QueueStatus}" + (result.Failure is { } f ? $": {f}" : ""));
    }

    private async Task AlignAsync(AlignStep step, CancellationToken ct)
    {
        CurveFit.Fitted fit;
        try
        {
            var data = await session.DataAsync(step.Scan);
            var x = await data.ValuesAsync(data.Motor(step.Motor));
            var y = await data.ValuesAsync(data.Stream(step.Channel));
            fit = CurveFit.Fit(step.Shape, x, y);
        }
        catch (ScenarioCheckException e) { throw new ScenarioStepException(step, e.Message); }
        session.Note("step", $"fitted {step.Shape.ToString().ToLowerInvariant()} centre of {step.Channel}: {fit.Centre:G6}; moving {step.Motor} there");
        await MoveAsync(step, [(step.Motor, fit.Centre)], ct);
    }

    private void Set(StateStep step)
    {
        try
        {
            foreach (var (key, value) in step.Values) session.Control!.Set(step.Device, key, new ControlValue(value));
        }
        catch (ControlException e) { throw new ScenarioStepException(step, e.Message); }
    }

    private void Clock(ClockStep step)
    {
        var control = session.Control!;
        _ = step.Action switch
        {
            ClockAction.Pause => control.Pause(),
            ClockAction.Resume => control.Resume(),
            ClockAction.Step => control.Step(TimeSpan.FromSeconds(step.Value)),
            _ => control.SetRate(step.Value),
        };
    }

    private void Fault(FaultStep step)
    {
        var faults = session.Environment.Twin!.Faults;
        if (step.Clear is { } name)
        {
            if (!faults.Clear(name)) throw new ScenarioStepException(step, $"no fault '{name}' is armed or active; faults: {string.Join(", ", faults.All.Select(f => f.Name))}");
            return;
        }
        var spec = FaultInjector.ToSpec(step.Inject!);
        // A step's at: counts from the step, not from the twin's start.
        if (spec.Start.At is { } at) spec = spec with { Start = spec.Start with { At = faults.Now + at } };
        try { faults.Inject(spec); }
        catch (ArgumentException e) { throw new ScenarioStepException(step, e.Message); }
    }

    private async Task RedisAsync(RedisStep step, CancellationToken ct)
    {
        var redis = session.Environment.Redis ?? throw new ScenarioStepException(step, "Redis steps need the private redis-server; run without --redis");
        switch (step.Action)
        {
            case RedisAction.Pause:
                redis.Pause();
                if (step.For is { } d)
                {
                    // Redis and its clients' timeouts run in real time, not on the twin's clock.
                    await Task.Delay(d, TimeProvider.System, ct);
                    redis.Resume();
                }
                break;
            case RedisAction.Resume: redis.Resume(); break;
            default:
                if (step.For is { } down)
                {
                    redis.Pause();
                    await Task.Delay(down, TimeProvider.System, ct);
                }
                redis.Restart();
                break;
        }
    }
}

/// <summary>A step could not be done; the scenario fails with this message (the step's file:line first).</summary>
public sealed class ScenarioStepException(ScenarioStep step, string problem) : Exception($"{step.Node.Location}: {step.Describe()}: {problem}")
{
    public ScenarioStep Step { get; } = step;
}
