using Testbed.Drivers.Abstractions;
using Testbed.TestSupport;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Integration.Tests.Elmo;

/// <summary>The Elmo driver against the Elmo twin over loopback UDP: what a BLISS-like user does, end to end.</summary>
public class ElmoDriverTwinTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Test]
    public async Task First_contact_switches_the_motor_on_and_leaves_the_axis_ready()
    {
        await using var rig = await ElmoRig.StartAsync();
        Assert.That(rig.Drive.IsMotorOn, Is.True, "a freshly powered drive has MO=0; first contact sends MO=1");
        Assert.That(await rig.Axis.StateAsync(), Is.EqualTo(AxisState.Ready));
        Assert.That(rig.Axis.Velocity, Is.EqualTo(20).Within(1e-3), "SP read back from the twin, in user units");
    }

    [Test]
    public async Task Absolute_and_relative_moves_end_at_the_target_and_pass_the_next_discrepancy_check()
    {
        await using var rig = await ElmoRig.StartAsync();
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.MoveAsync(12.5, cts.Token);
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(12.5).Within(1e-9));
        Assert.That(rig.Drive.Target, Is.EqualTo(rig.Counts(12.5)));
        Assert.That(Math.Abs(rig.Drive.Position - rig.Counts(12.5)), Is.LessThanOrEqualTo(10), "PX within TR[1] of the target");
        await rig.Axis.MoveRelativeAsync(-20, cts.Token);
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(-7.5).Within(1e-9));
        Assert.That(rig.Drive.MotionStatus, Is.Zero);
    }

    [Test]
    public async Task Negative_steps_per_unit_sign_and_offset_reach_the_drive_as_BLISS_computes_them()
    {
        await using var rig = await ElmoRig.StartAsync(axis: a => a with { StepsPerUnit = -ElmoRig.StepsPerUnit, Sign = -1, Offset = 3 });
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.MoveAsync(1.0, cts.Token); // user 1 = -dial + 3 → dial 2 → counts -4000
        Assert.That(rig.Drive.Target, Is.EqualTo(-4000));
        Assert.That(await rig.Axis.DialAsync(cts.Token), Is.EqualTo(2.0).Within(1e-9));
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(1.0).Within(1e-9));
    }

    [Test]
    public async Task Backlash_move_approaches_the_target_from_below_in_two_legs()
    {
        await using var rig = await ElmoRig.StartAsync(axis: a => a with { Backlash = 0.5 });
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.MoveAsync(10, cts.Token);
        var targets = new List<long>();
        using var watch = new CancellationTokenSource();
        var sampling = new TaskCompletionSource();
        var sampler = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                var t = rig.Drive.Target;
                if (targets.Count == 0 || targets[^1] != t) targets.Add(t);
                sampling.TrySetResult();
                // A sampling period, not a wait for a condition: consecutive targets are at least one polling_time
                // (20 ms) apart, so a 1 ms sampler sees each; a missed one fails the test, it cannot pass a bug.
                await Task.Delay(1);
            }
        });
        await sampling.Task;
        await rig.Axis.MoveAsync(-5, cts.Token);
        await watch.CancelAsync();
        await sampler;
        Assert.That(targets, Is.EqualTo(new[] { rig.Counts(10), rig.Counts(-5.5), rig.Counts(-5) }),
            "moving down, the first leg overshoots by the backlash, the second comes back up");
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(-5).Within(1e-9));
    }

    [Test]
    public async Task Soft_limit_refuses_the_move_before_anything_reaches_the_drive()
    {
        await using var rig = await ElmoRig.StartAsync();
        var before = rig.Server.RequestsReceived;
        var e = Assert.ThrowsAsync<AxisException>(async () => await rig.Axis.MoveAsync(150));
        Assert.That(e!.Message, Does.Contain("tx").And.Contain("would exceed high limit"));
        Assert.That(rig.Drive.Target, Is.Zero);
        Assert.That(rig.Server.RequestsReceived - before, Is.LessThanOrEqualTo(1), "at most the position read of the pre-check; no PA= and no BG");
    }

    [Test]
    public async Task Hard_limit_stops_the_move_with_a_clear_error_and_the_axis_can_move_back()
    {
        await using var rig = await ElmoRig.StartAsync(twin: s => s with { ForwardLimitPosition = 20_000, ReverseLimitPosition = -150_000 });
        using var cts = new CancellationTokenSource(Budget);
        var e = Assert.ThrowsAsync<AxisException>(async () => await rig.Axis.MoveAsync(50, cts.Token));
        Assert.That(e!.Message, Does.Contain("hardware limit"));
        await AssertStateHasAsync(rig.Axis, AxisState.LimPos, cts.Token);
        Assert.That(rig.Drive.Position, Is.InRange(20_000, 21_000), "stopped at the switch (stop deceleration SD)");

        await rig.Axis.MoveAsync(0, cts.Token);
        Assert.That(await rig.Axis.StateAsync(cts.Token), Is.EqualTo(AxisState.Ready));
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public async Task Limit_search_ends_on_the_switch()
    {
        await using var rig = await ElmoRig.StartAsync(twin: s => s with { ForwardLimitPosition = 150_000, ReverseLimitPosition = -30_000 });
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.LimitSearchAsync(-1, cts.Token);
        await AssertStateHasAsync(rig.Axis, AxisState.LimNeg, cts.Token);
        Assert.That(await rig.Axis.DialAsync(cts.Token), Is.InRange(-15.5, -14.9));
        await rig.Axis.MoveAsync(0, cts.Token);
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(0).Within(1e-9), "PA=PX after the search keeps the discrepancy check happy");
    }

    [Test]
    public async Task Stop_mid_move_leaves_the_axis_ready_where_it_stopped()
    {
        await using var rig = await ElmoRig.StartAsync(axis: a => a with { Velocity = 2 });
        using var cts = new CancellationTokenSource(Budget);
        var move = rig.Axis.MoveAsync(90, cts.Token);
        await Eventually.UntilAsync(() => rig.Drive.Position >= rig.Counts(1), "the axis past 1 mm on its way to 90");
        await rig.Axis.StopAsync(cts.Token);
        await move;
        var dial = await rig.Axis.DialAsync(cts.Token);
        Assert.That(dial, Is.InRange(1, 80), "stopped well before the target");
        Assert.That(rig.Drive.MotionStatus, Is.Zero);
        Assert.That(Math.Abs(rig.Drive.Target - rig.Drive.Position), Is.LessThanOrEqualTo(10), "PA=PX resynchronised the target after ST");
        await rig.Axis.MoveAsync(0, cts.Token);
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public async Task Homing_finds_the_switch_and_sets_the_home_position()
    {
        await using var rig = await ElmoRig.StartAsync(twin: s => s with { HomeSwitch = (40_000, 42_000) }, axis: a => a with { HomePosition = 0 });
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.HomeAsync(+1, cts.Token);
        Assert.That(rig.Drive.HomingArmed, Is.False, "HM[1] cleared itself at the event");
        // PX was set to HM[2] = 0 at the switch edge; what is left is the braking distance at SD.
        Assert.That(await rig.Axis.DialAsync(cts.Token), Is.InRange(0, 1.0));
        Assert.That(await rig.Axis.StateAsync(cts.Token), Is.EqualTo(AxisState.Ready).Or.EqualTo(AxisState.Ready | AxisState.Home));
        await rig.Axis.MoveAsync(5, cts.Token);
        Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(5).Within(1e-9));
    }

    [Test]
    public async Task Motor_off_refuses_moves_with_an_error_naming_the_axis_and_on_recovers()
    {
        await using var rig = await ElmoRig.StartAsync();
        using var cts = new CancellationTokenSource(Budget);
        await rig.Axis.OffAsync(cts.Token);
        Assert.That(rig.Drive.IsMotorOn, Is.False);
        await AssertStateHasAsync(rig.Axis, AxisState.ClosedLoopOpen, cts.Token);
        var e = Assert.ThrowsAsync<AxisException>(async () => await rig.Axis.MoveAsync(5, cts.Token));
        Assert.That(e!.Message, Does.Contain("axis tx").And.Contain("motor is off"));
        Assert.That(rig.Drive.Target, Is.Zero, "nothing was started");
        await rig.Axis.OnAsync(cts.Token);
        await rig.Axis.MoveAsync(5, cts.Token);
        Assert.That(rig.Drive.Target, Is.EqualTo(rig.Counts(5)));
    }

    [Test]
    public async Task Following_error_fault_surfaces_as_a_drive_state_and_MO_1_clears_it()
    {
        await using var rig = await ElmoRig.StartAsync();
        using var cts = new CancellationTokenSource(Budget);
        rig.Drive.InjectFault(ElmoFault.FollowingError);
        Assert.That(rig.Drive.IsMotorOn, Is.False);
        var state = await rig.Axis.StateAsync(cts.Token);
        Assert.That(state.HasFlag(AxisState.ClosedLoopOpen), Is.True, $"state {state}");
        await rig.Axis.OnAsync(cts.Token);
        Assert.That(await rig.Axis.StateAsync(cts.Token), Is.EqualTo(AxisState.Ready));
    }

    [Test]
    public async Task Refused_command_error_names_axis_address_command_and_decoded_EC()
    {
        await using var rig = await ElmoRig.StartAsync();
        using var cts = new CancellationTokenSource(Budget);
        rig.Drive.InjectFault(ElmoFault.OverTemperature);
        var e = Assert.ThrowsAsync<Testbed.Drivers.Elmo.ElmoCommandException>(async () => await rig.Axis.OnAsync(cts.Token));
        Assert.That(e!.Message, Does.Contain("axis tx").And.Contain($"udp://127.0.0.1:{rig.Server.LocalEndPoint.Port}")
            .And.Contain("'MO=1'").And.Contain("Error 66"));
        Assert.That(e.Code, Is.EqualTo(66));
        rig.Drive.ClearFaults();
        await rig.Axis.OnAsync(cts.Token);
        Assert.That(rig.Drive.IsMotorOn, Is.True);
    }

    [Test]
    public async Task Moves_complete_with_5_percent_of_datagrams_lost()
    {
        // 3 attempts (BLISS) lose a query with p = 0.05^3; over a few hundred queries that would make the test flaky,
        // so the line gets 6 attempts: the point here is that the twin's loss is survivable, not BLISS's retry count.
        await using var rig = await ElmoRig.StartAsync(
            twin: s => s with { DatagramLossProbability = 0.05, Seed = 7 },
            line: l => l with { Timeout = TimeSpan.FromMilliseconds(150), Attempts = 6 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        double[] targets = [3, -4, 7.25, 0.5, -1, 2];
        foreach (var t in targets)
        {
            await rig.Axis.MoveAsync(t, cts.Token);
            Assert.That(await rig.Axis.PositionAsync(cts.Token), Is.EqualTo(t).Within(1e-9));
            Assert.That(Math.Abs(rig.Drive.Position - rig.Counts(t)), Is.LessThanOrEqualTo(10));
        }
        Assert.That(rig.Server.RequestsDropped, Is.GreaterThan(0), "the loss setting really dropped requests");
        TestContext.Out.WriteLine($"requests {rig.Server.RequestsReceived}, dropped {rig.Server.RequestsDropped}");
    }

    private static async Task AssertStateHasAsync(IAxis axis, AxisState flag, CancellationToken ct)
    {
        var state = await axis.StateAsync(ct);
        Assert.That(state.HasFlag(flag), Is.True, $"expected {flag} in the axis state, was {state}");
    }
}
