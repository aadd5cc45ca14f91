using Testbed.Drivers.Elmo;

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

    public static ElmoAxis Axis(ScriptedElmo drive, ElmoAxisSettings? settings = null, ElmoControllerSettings? controller = null) =>
        new(settings ?? Rot, controller ?? Controller(drive));

    /// <summary>An initialised axis with the responder's log cleared.</summary>
    public static async Task<ElmoAxis> ReadyAsync(ScriptedElmo drive, ElmoAxisSettings? settings = null, ElmoControllerSettings? controller = null)
    {
        var axis = Axis(drive, settings, controller);
        await axis.InitializeAsync();
        drive.ClearLog();
        return axis;
    }

    /// <summary>"[SR IP MS PX]" n times, as the monitor loop polls.</summary>
    public static string Polls(int n, string poll = "SR IP MS PX") => string.Join(" ", Enumerable.Repeat(poll, n));
}
