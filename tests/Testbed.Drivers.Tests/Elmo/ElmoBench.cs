using Testbed.Drivers.Elmo;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Settings and ready-made axes against a <see cref="ScriptedElmo"/>.</summary>
internal static class ElmoBench
{
    /// <summary>The spec's example axis (§4.3): 26222.2 counts/deg, 14.4 deg/s, 28.8 deg/s².</summary>
    public static ElmoAxisSettings Rot => new() { Name = "rot", Unit = "deg", StepsPerUnit = 26222.2, Velocity = 14.4, Acceleration = 28.8 };

    /// <summary>A negative-steps axis as in the demo beamline: -2000 counts/mm, 5 mm/s, 20 mm/s².</summary>
    public static ElmoAxisSettings Ty => new() { Name = "ty", Unit = "mm", StepsPerUnit = -2000, Velocity = 5, Acceleration = 20 };

    // The first-contact timeout is raised from 50 ms so a loaded test machine does not turn sequence tests into retry tests;
    // the 50 ms default has its own tests.
    public static ElmoControllerSettings Controller(ScriptedElmo drive, double timeoutSeconds = 1.0) => new()
    {
        Name = "ctrl",
        Host = "127.0.0.1",
        Port = drive.Port,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        FirstContactTimeout = TimeSpan.FromSeconds(1),
    };

    public static ElmoAxis Axis(ScriptedElmo drive, ElmoAxisSettings? settings = null, ElmoControllerSettings? controller = null, TimeProvider? time = null) =>
        new(settings ?? Rot, controller ?? Controller(drive), time);

    /// <summary>An initialised axis with the responder's log cleared.</summary>
    public static async Task<ElmoAxis> ReadyAsync(ScriptedElmo drive, ElmoAxisSettings? settings = null, ElmoControllerSettings? controller = null,
        TimeProvider? time = null)
    {
        controller ??= Controller(drive);
        var axis = Axis(drive, settings, controller, time);
        // On a manual clock the power-on settle waits of the first contact are stepped over.
        if (time is ManualClock clock) await StepWaitsAsync(axis.InitializeAsync(), clock, drive, controller.Timeout, controller.FirstContactTimeout);
        else await axis.InitializeAsync();
        drive.ClearLog();
        return axis;
    }

    /// <summary>
    /// Steps <paramref name="clock"/> over every wait the driver makes until <paramref name="task"/> ends, and returns the waits.
    /// A wait is the driver's only pending timer when its length is none of the <paramref name="replyTimeouts"/> (those
    /// are queries in flight). Each is checked to pass in silence: one tick before it ends the drive has received nothing new.
    /// </summary>
    public static async Task<List<TimeSpan>> StepWaitsAsync(Task task, ManualClock clock, ScriptedElmo drive, params TimeSpan[] replyTimeouts)
    {
        var waits = new List<TimeSpan>();
        var tick = TimeSpan.FromTicks(1);
        while (true)
        {
            await Eventually.UntilAsync(() => task.IsCompleted || Waiting(clock, replyTimeouts) is not null, $"the driver waiting on the clock (after {waits.Count} waits)");
            if (task.IsCompleted) break;
            var wait = Waiting(clock, replyTimeouts)!.Value;
            var sent = drive.Commands.Count;
            clock.Advance(wait - tick);
            Assert.That(drive.Commands, Has.Count.EqualTo(sent), $"nothing sent during wait {waits.Count + 1} ({wait.TotalMilliseconds} ms)");
            clock.Advance(tick);
            waits.Add(wait);
        }
        await task;
        return waits;
    }

    private static TimeSpan? Waiting(ManualClock clock, TimeSpan[] replyTimeouts) =>
        clock.PendingDueTimes is [var due] && !replyTimeouts.Contains(due - clock.Elapsed) ? due - clock.Elapsed : null;

    /// <summary>"[SR IP MS PX]" n times, as the monitor loop polls.</summary>
    public static string Polls(int n, string poll = "SR IP MS PX") => string.Join(" ", Enumerable.Repeat(poll, n));
}
