namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §1.1 "exactly one reply per command": a reply echoing another command is a stray (duplicate or late) and dropped.</summary>
public sealed class StrayReplyTests
{
    [Test]
    public async Task A_stray_reply_before_the_awaited_one_is_dropped_and_counted()
    {
        using var drive = new ScriptedElmo();
        var once = 0;
        drive.When(c => c == "PX" && ++once == 1 ? Answer.Bytes("UM\r5;PX\r7;") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        Assert.That(await axis.Controller.QueryAsync("PX"), Is.EqualTo("7"));
        Assert.That(axis.Controller.StrayReplies, Is.EqualTo(1));
        Assert.That(axis.Controller.LastStray, Is.EqualTo("UM\r5;"u8.ToArray()));
        Assert.That(drive.SourcePorts.Distinct().Count(), Is.EqualTo(1), "no reset: the line stayed in step");
    }

    [Test]
    public async Task Bytes_left_over_from_an_earlier_reply_are_discarded_before_the_next_request()
    {
        using var drive = new ScriptedElmo();
        var once = 0;
        drive.When(c => c == "UM" && ++once == 1 ? Answer.Bytes("UM\r5;UM\r5;") : null);
        await using var axis = await ElmoBench.ReadyAsync(drive);

        Assert.That(await axis.Controller.QueryAsync("UM"), Is.EqualTo("5"));
        Assert.That(await axis.Controller.QueryAsync("MO"), Is.EqualTo("1"), "the duplicate is not read as MO's reply");
        Assert.That(axis.Controller.StrayReplies, Is.EqualTo(1));
    }
}
