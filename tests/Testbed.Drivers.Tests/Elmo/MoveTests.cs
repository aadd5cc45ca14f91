using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Elmo;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §2.7, §4.2 and §7: moves, backlash, units, soft limits and the discrepancy check.</summary>
public sealed class MoveTests
{
    [Test]
    public async Task Move_sends_discrepancy_read_start_sequence_and_polls_until_at_rest()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.MoveAsync(2);

        Assert.That(drive.Transcript, Is.EqualTo($"PA UM SR IP PA=52444 BG {ElmoBench.Polls(3)} SR IP MS PA PA"));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(52444 / 26222.2).Within(1e-12));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Ready));
    }

    [Test]
    public async Task Polls_are_spaced_by_polling_time()
    {
        using var drive = new ScriptedElmo { MovePolls = 5 };
        var clock = new ManualClock();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { PollingTime = TimeSpan.FromMilliseconds(100) }, time: clock);

        var waits = await ElmoBench.StepWaitsAsync(axis.MoveAsync(1), clock, drive, ElmoBench.Controller(drive).Timeout);

        Assert.That(waits, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromMilliseconds(100), 5)), "five moving polls, each followed by polling_time");
        Assert.That(drive.Transcript, Does.EndWith($"BG {ElmoBench.Polls(5)} SR IP MS PA PA"), "the sixth poll finds the axis at rest");
    }

    [Test]
    public async Task Move_against_backlash_runs_two_legs()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { Backlash = 0.05 });

        await axis.MoveAsync(-1);

        var leg = $"{ElmoBench.Polls(3)} SR IP MS PA";
        Assert.That(drive.Transcript, Is.EqualTo($"PA UM SR IP PA=-27533 BG {leg} UM SR IP PA=-26222 BG {leg} PA"));
    }

    [Test]
    public async Task Move_in_the_backlash_direction_is_one_leg()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { Backlash = 0.05 });

        await axis.MoveAsync(1);

        Assert.That(drive.Commands.Count(c => c == "BG"), Is.EqualTo(1));
        Assert.That(drive.Commands, Does.Contain("PA=26222"));
    }

    [Test]
    public async Task Negative_steps_per_unit_reverses_counts_but_not_speeds()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty);

        await axis.MoveAsync(10);

        Assert.That(drive.Commands, Does.Contain("PA=-20000"));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(10));
        Assert.That(drive.Get("SP"), Is.EqualTo("10000"), "SP uses |spu|");
        Assert.That(drive.Get("AC"), Is.EqualTo("40000"));
    }

    [Test]
    public async Task Sign_and_offset_map_user_to_dial()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { Sign = -1, Offset = 10 });

        await axis.MoveAsync(4); // dial = (4 - 10) / -1 = 6 → counts = 6 · -2000

        Assert.That(drive.Commands, Does.Contain("PA=-12000"));
        Assert.That(await axis.DialAsync(), Is.EqualTo(6));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(4));
    }

    [Test]
    public async Task Move_beyond_a_soft_limit_is_refused_before_anything_is_sent()
    {
        using var drive = new ScriptedElmo();
        await using var fresh = ElmoBench.Axis(drive, ElmoBench.Rot with { LowLimit = -170, HighLimit = 170 });

        var e = Assert.ThrowsAsync<AxisException>(() => fresh.MoveAsync(200));

        Assert.That(e!.Message, Is.EqualTo("axis rot: move to 200 would exceed high limit (170); nothing was sent"));
        Assert.That(drive.Commands, Is.Empty);
        Assert.ThrowsAsync<AxisException>(() => fresh.MoveAsync(-170.5), "low side too");
        Assert.That(drive.Commands, Is.Empty);
    }

    [Test]
    public async Task Soft_limits_are_dial_units_and_swap_in_user_units_when_sign_is_negative()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { Sign = -1, LowLimit = -10, HighLimit = 100 });

        Assert.That(axis.Limits, Is.EqualTo((-100.0, 10.0)));
        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(50)); // dial −50 is below the dial low limit −10
        Assert.That(e!.Message, Does.Contain("would exceed high limit (10)"));
        Assert.That(drive.Commands, Is.Empty);
        await axis.MoveAsync(-99); // dial 99
        Assert.That(drive.Commands, Does.Contain("PA=-198000"));
    }

    [Test]
    public async Task Backlash_leg_beyond_a_soft_limit_is_refused_before_the_move_starts()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { LowLimit = -1, HighLimit = 1, Backlash = 0.5 });

        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(-0.8)); // counts +1600, backlash steps −1000: first leg to dial −1.3

        Assert.That(e!.Message, Does.Contain("backlash leg to -1.3").And.Contain("would exceed low limit (-1)"));
        Assert.That(drive.Transcript, Is.EqualTo("PA"), "only the position read; no PA= and no BG");
    }

    [Test]
    public async Task Discrepancy_between_last_position_and_controller_refuses_the_move()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { Tolerance = 0.001 });
        await axis.MoveAsync(2);
        drive.Set("PA", 0); // something else moved the drive
        Assert.That(await axis.PositionAsync(), Is.Zero, "a read shows the controller's position");
        drive.ClearLog();

        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(3));

        Assert.That(e!.Message, Does.Contain("discrepancy between dial (1.99998").And.Contain("controller position (0)"));
        Assert.That(drive.Transcript, Is.EqualTo("PA"));
        await axis.SyncHardAsync();
        await axis.MoveAsync(3);
        Assert.That(drive.Commands, Does.Contain("PA=78667"));
    }

    [Test]
    public async Task Within_tolerance_the_move_goes_ahead()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { Tolerance = 0.001 });
        await axis.MoveAsync(2);
        drive.Set("PA", 52444 + 20); // 0.00076 deg

        await axis.MoveAsync(3);

        Assert.That(drive.Commands, Does.Contain("BG"));
    }

    [Test]
    public async Task Relative_move_starts_from_the_last_position()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty);
        await axis.MoveAsync(1);

        await axis.MoveRelativeAsync(-3);

        Assert.That(drive.Commands, Does.Contain("PA=4000"));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(-2));
    }

    [Test]
    public async Task Move_with_the_motor_off_is_refused_after_rereading_the_state()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        await axis.OffAsync();
        drive.ClearLog();

        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(1));

        Assert.That(e!.Message, Does.Contain("motor is off"));
        Assert.That(drive.Transcript, Is.EqualTo("SR IP MS"));
    }

    [Test]
    public async Task Move_ending_on_a_limit_switch_stops_resynchronises_and_reports()
    {
        using var drive = new ScriptedElmo { MovePolls = 100 };
        var px = 0;
        drive.When(c => { if (c == "PX") px++; return null; });
        drive.When(c => c == "IP" ? Answer.Reply(px >= 2 ? "64" : "0") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(100));

        Assert.That(e!.Message, Does.Contain("stopped on the positive hardware limit switch"));
        Assert.That(drive.Transcript, Is.EqualTo($"PA UM SR IP PA=2622220 BG {ElmoBench.Polls(2)} SR IP PA ST SR IP PA=PX PA"),
            "no MS while a limit is active; PA at rest; ST then PA=PX");
    }

    [Test]
    public async Task A_limit_active_at_start_pauses_after_bg_to_leave_it()
    {
        using var drive = new ScriptedElmo();
        var left = false;
        drive.When(c => { if (c == "BG") left = true; return c == "IP" ? Answer.Reply(left ? "0" : "64") : null; });
        var controller = ElmoBench.Controller(drive) with { LeaveLimitPause = TimeSpan.FromMilliseconds(300) };
        var clock = new ManualClock();
        await using var axis = await ElmoBench.ReadyAsync(drive, controller: controller, time: clock);
        left = false;

        var waits = await ElmoBench.StepWaitsAsync(axis.MoveAsync(-1), clock, drive, controller.Timeout);

        Assert.That(waits[0], Is.EqualTo(TimeSpan.FromMilliseconds(300)), "the pause after BG, before the first poll");
        Assert.That(waits.Skip(1), Has.All.EqualTo(ElmoBench.Rot.PollingTime), "then polling_time between polls");
        Assert.That(drive.Transcript, Does.StartWith("PA UM SR IP PA=-26222 BG SR IP MS PX"));
    }
}
