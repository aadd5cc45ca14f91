using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Model behaviour without the wire: natural faults, switches, re-planning and noise, on a paused clock.</summary>
public class DriveModelTests
{
    private static (SimulationClock Clock, ElmoDrive Drive) On(ElmoDriveSettings settings)
    {
        var clock = new SimulationClock(paused: true);
        var drive = new ElmoDrive(clock, settings);
        Assert.That(drive.MotorOn(), Is.EqualTo(ElmoError.None));
        return (clock, drive);
    }

    [Test]
    public void Following_error_beyond_ER3_latches_MF_0x100_and_switches_the_motor_off()
    {
        // At 1e6 counts/s the 5 ms lag is 5000 counts, above ER[3] = 1000.
        var (clock, drive) = On(new ElmoDriveSettings { MaxPositionError = 1000, Speed = 1_000_000, Acceleration = 1_000_000_000 });
        using var _ = clock;
        drive.SetTarget(10_000_000);
        drive.Begin();
        clock.Advance(TimeSpan.FromMilliseconds(50));
        var s = drive.Snapshot();
        Assert.That(s.MotorOn, Is.False);
        Assert.That(s.MotorFault & ElmoMotorFault.PositionTracking, Is.Not.Zero);
        Assert.That((s.StatusRegister >> 6) & 1, Is.EqualTo(1));
        Assert.That(s.Position, Is.LessThan(2000), "the fault fired early in the ramp, not at the query");
    }

    [Test]
    public void Crossing_HL3_is_a_position_limit_fault()
    {
        var (clock, drive) = On(new ElmoDriveSettings { PositionFaultHigh = 5000 });
        using var _ = clock;
        drive.SetTarget(20000);
        drive.Begin();
        clock.Advance(TimeSpan.FromSeconds(1));
        var s = drive.Snapshot();
        Assert.That(s.MotorFault, Is.EqualTo(ElmoMotorFault.PositionLimit));
        Assert.That(s.Position, Is.EqualTo(5000).Within(1), "the motor stopped where it crossed HL[3]");
    }

    [Test]
    public void Hard_stop_input_while_moving_blocks_the_command()
    {
        var (clock, drive) = On(new ElmoDriveSettings());
        using var _ = clock;
        drive.SetTarget(100000);
        drive.Begin();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        drive.SetInput(ElmoInput.HardStop, true);
        var held = drive.ReferencePosition;
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(drive.ReferencePosition, Is.EqualTo(held).Within(10));
        Assert.That(drive.StoppedByLimit, Is.True);
        Assert.That(drive.MotionStatus, Is.EqualTo(2));
        Assert.That((drive.InputPort >> 5) & 1, Is.EqualTo(1), "Gold IP bit 5 = hard stop");
    }

    [Test]
    public void Inhibit_while_on_switches_the_motor_off_with_MF_0x10()
    {
        var (clock, drive) = On(new ElmoDriveSettings());
        using var _ = clock;
        drive.SetInput(ElmoInput.Inhibit, true);
        Assert.That(drive.IsMotorOn, Is.False);
        Assert.That(drive.MotorFault, Is.EqualTo(ElmoMotorFault.Inhibit));
    }

    [Test]
    public void New_target_in_the_other_direction_mid_move_ends_on_the_new_target()
    {
        var (clock, drive) = On(new ElmoDriveSettings());
        using var _ = clock;
        drive.SetTarget(100000);
        drive.Begin();
        clock.Advance(TimeSpan.FromMilliseconds(300));
        drive.SetTarget(-20000);
        drive.Begin();
        Assert.That(drive.ReferenceVelocity, Is.EqualTo(100000).Within(1), "the re-plan starts from the running velocity");
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That(drive.Position, Is.EqualTo(-20000));
        Assert.That(drive.MotionStatus, Is.Zero);
    }

    [Test]
    public void Position_noise_is_seeded_and_reproducible()
    {
        long[] Sample(int seed)
        {
            using var clock = new SimulationClock(paused: true);
            var drive = new ElmoDrive(clock, new ElmoDriveSettings { PositionNoise = 3, Seed = seed });
            return Enumerable.Range(0, 20).Select(_ => drive.Position).ToArray();
        }
        var first = Sample(5);
        var again = Sample(5);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Sample(6), Is.Not.EqualTo(first));
        Assert.That(first.Distinct().Count(), Is.GreaterThan(3));
        Assert.That(first.Select(Math.Abs).Max(), Is.LessThan(30));
    }

    [Test]
    public void MO_0_keeps_the_homing_armed_state_and_PA_untouched()
    {
        var (clock, drive) = On(new ElmoDriveSettings { HomeSwitch = (100, 200) });
        using var _ = clock;
        drive.SetTarget(777);
        drive.SetHoming(3, 2);
        drive.SetHoming(1, 1);
        drive.MotorOff();
        Assert.That(drive.HomingArmed, Is.True);
        Assert.That(drive.Target, Is.EqualTo(777));
        Assert.That(drive.MotionStatus, Is.EqualTo(1));
    }
}
