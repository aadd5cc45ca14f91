using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>An instruction that waits in its device's lane behind a long one is acknowledged on arrival, so the scan server does not
/// take it for lost (udp_loss scenario: a move slowed by resent datagrams held back the motor's stage).</summary>
public class QueuedInstructionTests
{
    [Test]
    public async Task A_stage_queued_behind_a_move_longer_than_the_ack_timeout_is_acknowledged_at_once_and_the_scan_completes()
    {
        // The move to the start, 30 mm at 5 mm/s, takes over 6 s of twin time; the acknowledgement timeout is 2 s (0.5 s real at rate 4).
        var ackTimeout = TimeSpan.FromSeconds(2);
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml(), configure: o => o with { AckTimeout = ackTimeout });
        var run = await h.RunAsync("line_scan", new BecMap { ["tx"] = new BecList { 30, 31 } },
            new BecMap { ["steps"] = 3, ["exp_time"] = 0.01, ["relative"] = false });
        var failure = run.Status.Info.GetOrNull("failure")?.ToString();
        Assert.That(run.ItemStatus, Is.EqualTo("COMPLETED"), failure);

        var responses = h.Responses.ToList();
        var premove = responses.First(r => r.Instruction.Action == DeviceInstructionAction.Set && r.Status == InstructionStatus.Completed);
        Assert.That(premove.Instruction.Parameter["value"].AsDouble(), Is.EqualTo(30), "the first set is the move to the start");
        var stage = responses.First(r => r.Instruction.Action == DeviceInstructionAction.Stage && r.Instruction.DeviceList.Contains("tx"));
        Assert.That(stage.Status, Is.EqualTo(InstructionStatus.Running));
        Assert.That(responses.IndexOf(stage), Is.LessThan(responses.IndexOf(premove)), "the stage of tx acknowledged while tx still moved to the start");
        var stageAcks = responses.Where(r => r.InstructionId == stage.InstructionId).Select(r => r.Status).ToList();
        Assert.That(stageAcks, Is.EqualTo(new[] { InstructionStatus.Running, InstructionStatus.Completed }), "running once, completed after the move");
        Assert.That(responses.IndexOf(responses.Last(r => r.InstructionId == stage.InstructionId)), Is.GreaterThan(responses.IndexOf(premove)),
            "the stage ran after the move (per-device order)");
    }
}
