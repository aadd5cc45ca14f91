using Testbed.Bec.Messages.Devices;

namespace Testbed.Scans.DeviceServer;

/// <summary>The instructions this device server has taken, by device_instr_id, with the last acknowledgement sent for each. A scan
/// server sends an instruction again when a Redis outage may have lost it or its answer; the repeat is answered from here, so a move
/// never runs twice and a reading is never published twice.</summary>
public sealed class InstructionRecords
{
    /// <summary>How many instructions are remembered (the oldest are forgotten first; a scan re-sends only what is pending).</summary>
    public const int Kept = 2000;

    private readonly Dictionary<string, DeviceInstructionResponse?> _last = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True for an id not seen before (now taken: carry it out); false for a repeat, with the last acknowledgement sent for
    /// it (null while it waits for its devices and has not been acknowledged yet).</summary>
    public bool TryTake(string id, out DeviceInstructionResponse? last)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            if (_last.TryGetValue(id, out last)) return false;
            _last[id] = null;
            _order.Enqueue(id);
            while (_order.Count > Kept) _last.Remove(_order.Dequeue());
            return true;
        }
    }

    /// <summary>Records the acknowledgement about to be sent for <paramref name="id"/>.</summary>
    public void Acknowledging(string id, DeviceInstructionResponse response)
    {
        lock (_lock)
        {
            if (_last.ContainsKey(id)) _last[id] = response;
        }
    }
}
