using Testbed.Scans.DeviceServer;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>Instructions run concurrently across devices and in arrival order for each device.</summary>
public class InstructionLanesTests
{
    [Test]
    public async Task Another_device_runs_while_one_is_busy_and_an_instruction_naming_both_waits_for_the_busy_one()
    {
        var lanes = new InstructionLanes();
        var log = new List<string>();
        var moveDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var move = lanes.Enqueue(["samx"], async () => { lock (log) log.Add("set samx start"); await moveDone.Task; lock (log) log.Add("set samx end"); });
        var other = lanes.Enqueue(["bpm4i"], () => { lock (log) log.Add("read bpm4i"); return Task.CompletedTask; });
        var both = lanes.Enqueue(["bpm4i", "samx"], () => { lock (log) log.Add("read bpm4i samx"); return Task.CompletedTask; });
        await other;
        Assert.That(both.IsCompleted, Is.False, "the read naming samx waits for samx's move");
        Assert.That(log, Is.EqualTo(new[] { "set samx start", "read bpm4i" }));
        moveDone.SetResult();
        await Task.WhenAll(move, both, lanes.IdleAsync());
        Assert.That(log, Is.EqualTo(new[] { "set samx start", "read bpm4i", "set samx end", "read bpm4i samx" }));
    }

    [Test]
    public async Task A_failed_instruction_does_not_block_the_next_one_of_its_device()
    {
        var lanes = new InstructionLanes();
        var failed = lanes.Enqueue(["eiger"], () => throw new InvalidOperationException("driver failed"));
        var next = lanes.Enqueue(["eiger"], () => Task.CompletedTask);
        Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        await next;
        Assert.That(next.IsCompletedSuccessfully, Is.True);
    }
}
