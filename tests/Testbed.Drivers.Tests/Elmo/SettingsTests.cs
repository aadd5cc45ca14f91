using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §2.6, §2.8 and §7: velocity, acceleration, motor power and position set.</summary>
public sealed class SettingsTests
{
    [Test]
    public async Task Velocity_is_sp_truncated_then_read_back_twice()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.SetVelocityAsync(7.2);

        Assert.That(drive.Transcript, Is.EqualTo("SP=188799 SP SP"));
        Assert.That(axis.Velocity, Is.EqualTo(188799 / 26222.2).Within(1e-12));
        Assert.ThrowsAsync<AxisException>(() => axis.SetVelocityAsync(0));
        Assert.ThrowsAsync<AxisException>(() => axis.SetVelocityAsync(-1));
        Assert.That(drive.Transcript, Is.EqualTo("SP=188799 SP SP"), "refused velocities send nothing");
    }

    [Test]
    public async Task Velocity_read_back_is_what_the_axis_reports()
    {
        using var drive = new ScriptedElmo();
        drive.When(c => c == "SP" ? Answer.Reply("100000") : null); // a drive that clips the speed
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.SetVelocityAsync(7.2);

        Assert.That(axis.Velocity, Is.EqualTo(100000 / 26222.2).Within(1e-12));
    }

    [Test]
    public async Task Acceleration_sets_ac_and_dc_and_reads_ac_back_twice()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.SetAccelerationAsync(57.6);

        Assert.That(drive.Transcript, Is.EqualTo("AC=1510398 DC=1510398 AC AC"));
        Assert.That(axis.Acceleration, Is.EqualTo(1510398 / 26222.2).Within(1e-12));
    }

    [Test]
    public async Task Acceleration_is_refused_while_moving()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        await axis.JogAsync(1);
        drive.ClearLog();

        var e = Assert.ThrowsAsync<AxisException>(() => axis.SetAccelerationAsync(10));

        Assert.That(e!.Message, Does.Contain("cannot set acceleration while the axis is moving"));
        Assert.That(drive.Commands, Is.Empty);
    }

    [Test]
    public async Task Off_then_on_follow_the_set_off_and_set_on_sequences()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.OffAsync();
        Assert.That(drive.Transcript, Is.EqualTo("MO=0 SR IP MS"));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Moving | AxisState.ClosedLoopOpen), "MS=1 with the motor off");
        drive.ClearLog();

        await axis.OnAsync();
        Assert.That(drive.Transcript, Is.EqualTo("MO=1 PA=PX SR IP MS PA SR IP MS"));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Ready));
    }

    [Test]
    public async Task Setting_the_dial_redefines_the_drive_position_with_the_motor_off()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.SetDialAsync(5);

        Assert.That(drive.Transcript, Is.EqualTo("MO=0 PX=131111 MO=1 PA=131111 PA"));
        Assert.That(await axis.DialAsync(), Is.EqualTo(131111 / 26222.2).Within(1e-12));
    }

    [Test]
    public async Task Setting_the_dial_with_control_slave_drives_output_1_too()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { ControlSlave = true });

        await axis.SetDialAsync(-1.25);

        Assert.That(drive.Transcript, Is.EqualTo("OB[1]=0 MO=0 PX=2500 OB[1]=1 MO=1 PA=2500 PA"));
    }

    [Test]
    public async Task Setting_the_user_position_changes_the_offset_only()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { Sign = -1 });
        await axis.MoveAsync(-2); // dial 2
        drive.ClearLog();

        await axis.SetPositionAsync(10);

        Assert.That(drive.Transcript, Is.EqualTo("PA"));
        Assert.That(axis.Offset, Is.EqualTo(12));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(10));
        Assert.That(await axis.DialAsync(), Is.EqualTo(2));
    }
}
