using Testbed.Drivers.Abstractions;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §2.9–§2.11 and §7: stop, cancellation, homing, jog and limit search.</summary>
public sealed class MotionTests
{
    // The move runs on the system clock here: what is awaited is the driver's traffic reaching the responder (real I/O).
    private static Task WaitForAsync(ScriptedElmo drive, Func<IReadOnlyList<string>, bool> condition) =>
        Eventually.ValueAsync(() => drive.Commands, condition, "the drive receiving the commands the test waits for");

    [Test]
    public async Task Stop_during_a_move_sends_st_then_resynchronises_pa_once_at_rest()
    {
        using var drive = new ScriptedElmo { MovePolls = 10_000 };
        await using var axis = await ElmoBench.ReadyAsync(drive);
        var move = axis.MoveAsync(50);
        await WaitForAsync(drive, c => c.Count(x => x == "PX") >= 3);

        await axis.StopAsync();
        await move;

        var commands = drive.Commands;
        var st = commands.ToList().IndexOf("ST");
        Assert.That(commands.Count(c => c == "ST"), Is.EqualTo(1));
        Assert.That(string.Join(" ", commands.Skip(st)), Does.EndWith("PA=PX PA PA"));
        Assert.That(commands.Skip(st), Has.None.EqualTo("BG"));
        Assert.That(commands.Count(c => c == "PA=PX"), Is.EqualTo(1));
        Assert.That(drive.Get("PA"), Is.EqualTo(drive.Get("PX")), "PA follows the stopped position");
        Assert.That(await axis.DialAsync(), Is.EqualTo(double.Parse(drive.Get("PX"), System.Globalization.CultureInfo.InvariantCulture) / 26222.2));
    }

    [Test]
    public async Task A_second_motion_while_one_runs_is_refused_without_traffic()
    {
        using var drive = new ScriptedElmo { MovePolls = 10_000 };
        await using var axis = await ElmoBench.ReadyAsync(drive);
        var move = axis.MoveAsync(50);
        await WaitForAsync(drive, c => c.Contains("BG"));

        var e = Assert.ThrowsAsync<AxisException>(() => axis.HomeAsync(1));
        Assert.That(e!.Message, Does.Contain("is already moving"));
        Assert.That(axis.IsBusy, Is.True);
        Assert.That(drive.Commands, Has.None.StartsWith("HM"));

        await axis.StopAsync();
        await move;
        Assert.That(axis.IsBusy, Is.False);
    }

    [Test]
    public async Task Stop_at_rest_is_st_then_a_state_read_with_the_resync()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.StopAsync();

        Assert.That(drive.Transcript, Is.EqualTo("ST SR IP MS PA=PX PA PA"));
    }

    [Test]
    public async Task Cancelling_a_move_stops_the_axis_and_throws()
    {
        using var drive = new ScriptedElmo { MovePolls = 10_000 };
        await using var axis = await ElmoBench.ReadyAsync(drive);
        using var cts = new CancellationTokenSource();
        var move = axis.MoveAsync(50, cts.Token);
        await WaitForAsync(drive, c => c.Count(x => x == "PX") >= 2);

        await cts.CancelAsync();

        Assert.That(async () => await move, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(drive.Commands, Does.Contain("ST"));
        Assert.That(drive.Transcript, Does.EndWith("PA=PX PA PA"));
        Assert.That(axis.IsBusy, Is.False);
    }

    [Test]
    public async Task Cancelling_before_bg_leaves_pa_resynchronised()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        drive.When((c, reg) =>
        {
            if (!c.StartsWith("PA=2", StringComparison.Ordinal)) return null;
            reg["PA"] = c[3..];
            return Answer.Late("", TimeSpan.FromMilliseconds(300));
        });
        using var cts = new CancellationTokenSource();
        var move = axis.MoveAsync(10, cts.Token);
        await WaitForAsync(drive, c => c.Contains("PA=262222"));

        await cts.CancelAsync();

        Assert.That(async () => await move, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(drive.Commands, Has.None.EqualTo("BG"));
        Assert.That(drive.Transcript, Does.EndWith("PA=262222 ST SR IP MS PA=PX PA PA"));
        Assert.That(drive.Get("PA"), Is.EqualTo(drive.Get("PX")));
        await axis.MoveAsync(1); // no discrepancy afterwards
    }

    [Test]
    public async Task Home_sends_the_hm_sequence_and_polls_sr_only()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Rot with { HomePosition = 123 });

        await axis.HomeAsync(+1);

        Assert.That(drive.Transcript, Is.EqualTo(
            $"UM SR IP HM[3]=3 HM[2]=123 HM[4]=0 HM[5]=0 HM[1]=1 JV=377599 BG {ElmoBench.Polls(3, "SR PX")} SR PA=PX PA PA"));
        Assert.That(await axis.DialAsync(), Is.EqualTo(123 / 26222.2).Within(1e-12));
    }

    [Test]
    public async Task Home_and_limit_search_direction_follow_the_sign_of_steps_per_unit()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty);

        await axis.HomeAsync(+1);
        Assert.That(drive.Commands, Does.Contain("JV=-10000"));
        drive.ClearLog();
        await axis.HomeAsync(-1);
        Assert.That(drive.Commands, Does.Contain("JV=10000"));
        Assert.ThrowsAsync<AxisException>(() => axis.HomeAsync(0));
    }

    [Test]
    public async Task Stop_while_homing_sends_st_and_pa_px_at_once()
    {
        using var drive = new ScriptedElmo { MovePolls = 10_000 };
        await using var axis = await ElmoBench.ReadyAsync(drive);
        var home = axis.HomeAsync(-1);
        await WaitForAsync(drive, c => c.Count(x => x == "PX") >= 2);

        await axis.StopAsync();
        await home;

        var tail = string.Join(" ", drive.Commands.SkipWhile(c => c != "ST"));
        Assert.That(tail, Does.StartWith("ST PA=PX"));
        Assert.That(tail, Does.EndWith("SR IP MS PA PA"), "back to the normal state read once homing is over");
    }

    [Test]
    public async Task Limit_search_runs_to_the_switch_without_st_and_resyncs_at_the_next_read()
    {
        using var drive = new ScriptedElmo();
        var px = 0;
        drive.When(c => { if (c == "PX") px++; return null; });
        drive.When(c => c == "IP" ? Answer.Reply(px >= 4 ? "64" : "0") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.LimitSearchAsync(+1);

        Assert.That(drive.Transcript, Is.EqualTo($"UM SR IP JV=377599 BG {ElmoBench.Polls(4)} SR IP PA=PX PA PA"));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Ready | AxisState.LimPos));
    }

    [Test]
    public async Task Jog_then_stop_jog_restores_the_unit_mode_and_the_velocity()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        await axis.JogAsync(2);
        Assert.That(drive.Transcript, Is.EqualTo("JV=52444 BG SR IP MS"));
        Assert.That(await axis.StateAsync(), Is.EqualTo(AxisState.Moving));
        drive.ClearLog();
        Assert.That(await axis.DialAsync(), Is.GreaterThan(0), "PX while jogging");
        Assert.That(drive.Transcript, Is.EqualTo("PX"));
        drive.ClearLog();

        await axis.StopJogAsync();

        Assert.That(drive.Transcript, Is.EqualTo(
            "JV=0 BG MS MS MO=0 UM=5 MO=1 PA=PX SR IP MS PA PA=PX SR IP MS PA UM SP=377599 SP SP PA"));
        Assert.That(axis.IsJogging, Is.False);
        Assert.That(drive.Get("PA"), Is.EqualTo(drive.Get("PX")));
    }

    [Test]
    public async Task Jog_direction_is_the_sign_of_velocity_times_sign_times_steps_per_unit()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, ElmoBench.Ty with { Sign = -1 });

        await axis.JogAsync(-1.5); // −1.5 · −1 · −2000 < 0
        await axis.StopAsync();    // stopping a jog is the jog-stop sequence

        Assert.That(drive.Commands[0], Is.EqualTo("JV=-3000"));
        Assert.That(drive.Commands, Does.Contain("JV=0").And.Not.Contain("ST"));
    }
}
