namespace Testbed.Scans.DeviceServer;

/// <summary>Runs instructions concurrently across devices and in arrival order for each device: an instruction starts once every
/// earlier instruction naming one of its devices has ended.</summary>
public sealed class InstructionLanes
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Queues <paramref name="work"/> behind the devices' earlier work; <paramref name="work"/> handles its own failures.</summary>
    public Task Enqueue(IReadOnlyList<string> devices, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(work);
        lock (_lock)
        {
            var before = devices.Distinct().Select(d => _tails.GetValueOrDefault(d)).OfType<Task>().ToArray();
            var task = RunAfterAsync(before, work);
            foreach (var d in devices) _tails[d] = task;
            return task;
        }
    }

    /// <summary>Completes when everything queued so far has ended.</summary>
    public Task IdleAsync()
    {
        lock (_lock) return Task.WhenAll(_tails.Values);
    }

    private static async Task RunAfterAsync(Task[] before, Func<Task> work)
    {
        foreach (var t in before)
        {
            try { await t; }
            catch (Exception) { } // an earlier instruction's failure was acknowledged by it; the lane goes on
        }
        await work();
    }
}
