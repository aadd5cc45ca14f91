using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Elmo;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §2.4: Gold-layout SR/IP/MS decoding, and which registers a state read sends.</summary>
public sealed class StatusTests
{
    [TestCase(16, 0, 0L, AxisState.Ready)]
    [TestCase(16 | 128, 0, 2L, AxisState.Moving)]
    [TestCase(16 | 128, 0, 0L, AxisState.Ready)]   // MS alone decides READY vs MOVING
    [TestCase(16, 0, 1L, AxisState.Moving)]
    [TestCase(0, 0, 1L, AxisState.Moving | AxisState.ClosedLoopOpen)]
    [TestCase(17, 0, 0L, AxisState.Ready | AxisState.DriveFault)]
    [TestCase(16, 0, 3L, AxisState.Fault)]
    [TestCase(16 | 128, 64, null, AxisState.Ready | AxisState.LimPos)]
    [TestCase(16, 128, null, AxisState.Ready | AxisState.LimNeg)]
    [TestCase(16, 256, 0L, AxisState.Ready | AxisState.Inhibit)]
    [TestCase(16, 1 << 17, 0L, AxisState.Ready)] // slave switch only with control_slave
    public void Gold_layout_decodes_as_bliss(long sr, long ip, long? ms, AxisState expected) =>
        Assert.That(ElmoStatus.Decode(sr, ip, ms, controlSlave: false), Is.EqualTo(expected));

    [Test]
    public void Slave_switch_is_reported_with_control_slave() =>
        Assert.That(ElmoStatus.Decode(16, 1 << 17, 0, controlSlave: true), Is.EqualTo(AxisState.Ready | AxisState.SlaveSwitch));

    [Test]
    public async Task State_read_skips_ms_while_a_limit_is_active()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        drive.Set("IP", 128);

        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Ready | AxisState.LimNeg));
        Assert.That(drive.Transcript, Is.EqualTo("SR IP"));
    }

    [Test]
    public async Task Position_is_pa_at_rest_and_px_while_moving()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        drive.Set("PA", 1000);
        drive.Set("PX", 990);

        Assert.That(await axis.DialAsync(), Is.EqualTo(1000 / 26222.2));
        await axis.OffAsync(); // MS=1: MOVING
        drive.ClearLog();
        Assert.That(await axis.DialAsync(), Is.EqualTo(990 / 26222.2));
        Assert.That(drive.Transcript, Is.EqualTo("PX"));
    }

    [Test]
    public async Task Speed_control_mode_reads_px_and_refuses_moves()
    {
        using var drive = new ScriptedElmo();
        drive.Set("UM", 2);
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { UserMode = 2 });
        drive.Set("PA", 1000);
        drive.Set("PX", 990);

        Assert.That(await axis.DialAsync(), Is.EqualTo(990 / 26222.2));
        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(1));
        Assert.That(e!.Message, Does.Contain("speed control mode (UM=2)"));
        Assert.That(drive.Commands, Has.None.EqualTo("BG"));
    }
}
