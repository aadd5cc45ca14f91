namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>acquire(exp_time, frames_per_trigger, …)</c>: one point where everything stands; BLISS's ct.</summary>
public sealed class AcquireKind : IScanKind
{
    public string Name => "acquire";

    public Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var timing = Timing.Of(r);
        return Task.FromResult<ScanJob>(new StepJob(Name, r.Call, [], [[]], false, null, timing.ExpTime, timing.FramesPerTrigger, timing.SettlingTime,
            timing.SettlingTimeAfterTrigger, timing.ReadoutTime, timing.Burst, 0, [], r.ArgBundle, r.SentKwargs,
            $"ct {Timing.Bliss(timing.ExpTime)}", "ct", null)
        {
            Devices = ScanDevices.Resolve(context.Devices, []),
        });
    }
}
