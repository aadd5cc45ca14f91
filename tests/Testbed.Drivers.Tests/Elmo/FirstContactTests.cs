using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Elmo;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §2.2/§2.3 and §7: the first-contact sequence, as BLISS sends it.</summary>
public sealed class FirstContactTests
{
    [Test]
    public async Task Powered_down_drive_gets_the_bliss_first_contact_sequence()
    {
        using var drive = new ScriptedElmo();
        await using var axis = ElmoBench.Axis(drive);

        await axis.InitializeAsync();

        Assert.That(drive.Transcript, Is.EqualTo("VR UM MO MO=1 PA=PX SR IP MS PA UM SP=377599 SP SP AC=755199 DC=755199 AC AC"));
        Assert.That(drive.Datagrams.Select(d => d[^1]), Is.All.EqualTo((byte)'\r'), "one command per datagram, CR-terminated");
        Assert.That(axis.Controller.Version, Is.EqualTo("Gold Twitter 01.01.16.00 (script)"));
        Assert.That(axis.Velocity, Is.EqualTo(377599 / 26222.2).Within(1e-12));
        Assert.That(axis.Acceleration, Is.EqualTo(755199 / 26222.2).Within(1e-12));
    }

    [Test]
    public async Task Powered_drive_skips_set_on()
    {
        using var drive = new ScriptedElmo();
        drive.Set("MO", 1);
        await using var axis = ElmoBench.Axis(drive);

        await axis.InitializeAsync();
        await axis.InitializeAsync();

        Assert.That(drive.Transcript, Is.EqualTo("VR UM MO UM SP=377599 SP SP AC=755199 DC=755199 AC AC"), "runs once");
    }

    [Test]
    public async Task Other_unit_mode_is_switched_with_the_motor_off()
    {
        using var drive = new ScriptedElmo();
        drive.Set("UM", 4);
        await using var axis = ElmoBench.Axis(drive);

        await axis.InitializeAsync();

        Assert.That(drive.Transcript, Does.StartWith(
            "VR UM MO=0 UM=5 MO=1 PA=PX SR IP MS PA PA=PX SR IP MS PA UM MO UM SP=377599"));
        Assert.That(axis.Controller.UnitMode, Is.EqualTo(5));
    }

    [Test]
    public async Task Control_slave_drives_output_1_with_the_motor()
    {
        using var drive = new ScriptedElmo();
        drive.Set("IP", 1 << 17);
        await using var axis = ElmoBench.Axis(drive, ElmoBench.Rot with { ControlSlave = true });

        await axis.InitializeAsync();

        Assert.That(drive.Transcript, Does.StartWith("VR UM MO OB[1]=1 MO=1 PA=PX SR IP MS PA UM"));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Ready | AxisState.SlaveSwitch));
    }

    [Test]
    public async Task A_single_late_vr_is_survived_by_retrying_from_a_new_port()
    {
        using var drive = new ScriptedElmo();
        var vr = 0;
        drive.When(c => c == "VR" && ++vr == 1 ? Answer.Late("late", TimeSpan.FromMilliseconds(600)) : null);
        await using var axis = ElmoBench.Axis(drive, controller: ElmoBench.Controller(drive) with { FirstContactTimeout = TimeSpan.FromMilliseconds(250) });

        await axis.InitializeAsync();

        Assert.That(drive.Commands.Take(2), Is.EqualTo(new[] { "VR", "VR" }));
        Assert.That(drive.SourcePorts[1], Is.Not.EqualTo(drive.SourcePorts[0]));
        Assert.That(axis.Controller.Version, Is.EqualTo("Gold Twitter 01.01.16.00 (script)"));
    }

    [Test]
    public async Task Vr_slower_than_50_ms_means_not_connected_after_three_attempts()
    {
        using var drive = new ScriptedElmo();
        drive.When(c => c == "VR" ? Answer.Late("slow", TimeSpan.FromMilliseconds(150)) : null);
        var settings = ElmoBench.Controller(drive) with { FirstContactTimeout = new ElmoControllerSettings { Name = "d", Host = "h" }.FirstContactTimeout };
        await using var axis = ElmoBench.Axis(drive, controller: settings);

        var e = Assert.ThrowsAsync<ElmoException>(() => axis.MoveAsync(1));

        Assert.That(settings.FirstContactTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(50)), "BLISS's first-contact timeout is the default");
        Assert.That(e!.Message, Does.Contain("Controller Elmo (127.0.0.1) is not connected"));
        Assert.That(e.Message, Does.StartWith($"axis rot (udp://127.0.0.1:{drive.Port}): command 'VR' failed"));
        Assert.That(drive.Transcript, Is.EqualTo("VR VR VR"));
        Assert.That(drive.SourcePorts.Distinct().Count(), Is.EqualTo(3));
    }
}
