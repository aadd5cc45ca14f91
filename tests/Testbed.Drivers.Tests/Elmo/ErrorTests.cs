using Testbed.Drivers.Elmo;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §1.3, §1.6 and §7: error replies, the EC follow-up and echo checking.</summary>
public sealed class ErrorTests
{
    [Test]
    public async Task Unknown_command_is_followed_by_ec_and_raised_with_the_decoded_text()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<ElmoCommandException>(() => axis.Controller.QueryAsync("XX"));

        Assert.That(drive.Transcript, Is.EqualTo("XX EC"));
        Assert.That(e!.Code, Is.EqualTo(2));
        Assert.That(e.Text, Is.EqualTo("bad command"));
        Assert.That(e.Message, Is.EqualTo($"axis rot (udp://127.0.0.1:{drive.Port}): command 'XX' failed: Error 2 (bad command); reply was 'XX\\r?;'"));
    }

    [Test]
    public async Task Refused_bg_names_axis_address_command_code_and_text()
    {
        using var drive = new ScriptedElmo();
        drive.When((c, reg) =>
        {
            if (c != "BG") return null;
            reg["EC"] = "58";
            return Answer.Reply("?");
        });
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<ElmoCommandException>(() => axis.MoveAsync(1));

        Assert.That(e!.Message, Does.StartWith($"axis rot (udp://127.0.0.1:{drive.Port}): command 'BG' failed: Error 58 (motor must be on)"));
        Assert.That(e.Command, Is.EqualTo("BG"));
        Assert.That(drive.Transcript, Does.EndWith("PA=26222 BG EC"), "one EC, no retry");
        Assert.That(axis.IsBusy, Is.False);
    }

    [Test]
    public async Task Error_reply_with_a_code_byte_before_the_question_mark_is_understood()
    {
        using var drive = new ScriptedElmo();
        drive.When((c, reg) =>
        {
            if (c != "UM=2") return null;
            reg["EC"] = "57";
            return Answer.Bytes("UM=2\r\x39?;");
        });
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<ElmoCommandException>(() => axis.Controller.QueryAsync("UM=2"));

        Assert.That(e!.Code, Is.EqualTo(57));
        Assert.That(e.Message, Does.Contain("Error 57 (motor must be off)"));
    }

    [Test]
    public async Task Ec_that_is_not_a_number_gives_a_clear_error()
    {
        using var drive = new ScriptedElmo();
        drive.When(c => c == "EC" ? Answer.Reply("garbage") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<ElmoException>(() => axis.Controller.QueryAsync("XX"));

        Assert.That(e!.Message, Does.Contain("EC answered 'garbage' instead of an error code"));
    }

    [Test]
    public async Task Echo_mismatch_is_a_clear_error_and_resets_the_line()
    {
        using var drive = new ScriptedElmo();
        var once = 0;
        drive.When(c => c == "PX" && ++once == 1 ? Answer.Bytes("PY\r5;") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        var e = Assert.ThrowsAsync<ElmoException>(() => axis.Controller.QueryAsync("PX"));

        Assert.That(e!.Message, Does.Contain("command 'PX' failed: the reply does not start with the echo"));
        Assert.That(e.Message, Does.Contain("it answers 'PY' (a late or duplicated reply), and no reply to 'PX' followed within 1 s"), "both commands named");
        Assert.That(e.Message, Does.Contain("reply was 'PY\\r5;'"));
        Assert.That(drive.Transcript, Is.EqualTo("PX"), "not retried");
        Assert.That(await axis.Controller.QueryAsync("PX"), Is.EqualTo("0"));
        Assert.That(drive.SourcePorts[1], Is.Not.EqualTo(drive.SourcePorts[0]), "the line was reopened");
    }

    [Test]
    public async Task Integer_registers_with_a_decimal_point_are_rejected()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        drive.When(c => c == "SR" ? Answer.Reply("16.0") : null);

        var e = Assert.ThrowsAsync<ElmoException>(() => axis.StateAsync());

        Assert.That(e!.Message, Does.Contain("command 'SR' failed: the reply value '16.0' is not an integer"));
    }

    [TestCase("PX;MS")]
    [TestCase("PX\r")]
    [TestCase("P\u00e9")]
    public async Task Raw_command_with_a_terminator_is_refused_before_sending(string command)
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);

        Assert.ThrowsAsync<ArgumentException>(() => axis.Controller.QueryAsync(command));
        Assert.That(drive.Commands, Is.Empty);
    }

    [Test]
    public void Error_table_holds_every_bliss_code()
    {
        Assert.That(ElmoErrorCodes.All, Has.Count.EqualTo(158));
        Assert.That(ElmoErrorCodes.Text(21), Is.EqualTo("operand out of range"));
        Assert.That(ElmoErrorCodes.Text(188), Is.EqualTo("gantry slave is disabled"));
        Assert.That(ElmoErrorCodes.All.Keys, Has.None.EqualTo(59).And.None.EqualTo(63), "no ';' or '?' codes");
        Assert.That(ElmoErrorCodes.Describe(4), Is.EqualTo("Error 4 (unknown error code)"));
    }
}
