using Testbed.Twin.World;

namespace Testbed.Twin.Faults;

/// <summary>The link faults in effect on one device's wire: loss, garbling, a dead link. Transports consult it per datagram or write.</summary>
/// <remarks>Every decision is a seeded draw keyed by (device, quantity, index since the link started), so a run replays the same losses
/// and the same corrupted bytes whatever the host load.</remarks>
public sealed class LinkFaults(string device, long seed = 1)
{
    private readonly ulong _dropStream = SeededNoise.Stream(device + ".link.drop");
    private readonly ulong _garbleStream = SeededNoise.Stream(device + ".link.garble");
    private readonly object _gate = new();
    private long _requests;
    private long _bytes;
    private double _drop;
    private double _garble;
    private int _disconnects;
    private readonly List<string> _disconnectCauses = [];
    private string? _dropCause;
    private string? _garbleCause;

    /// <summary>The device (controller name) this link serves.</summary>
    public string Device { get; } = device;

    /// <summary>Raised when the link goes dead: transports with connections close them.</summary>
    public event Action? Disconnected;

    /// <summary>Fraction 0…1 of requests lost.</summary>
    public double DropFraction { get { lock (_gate) return _drop; } set { lock (_gate) _drop = Check(value); } }

    /// <summary>Fraction 0…1 of sent bytes corrupted.</summary>
    public double GarbleFraction { get { lock (_gate) return _garble; } set { lock (_gate) _garble = Check(value); } }

    /// <summary>True while a disconnect fault holds (several may overlap).</summary>
    public bool IsDisconnected { get { lock (_gate) return _disconnects > 0; } }

    /// <summary>Requests lost to drop or disconnect so far.</summary>
    public long Lost { get; private set; }

    /// <summary>Bytes corrupted so far.</summary>
    public long Garbled { get; private set; }

    /// <summary>The fault that set <see cref="DropFraction"/> (for wire transcripts), or null.</summary>
    public string? DropCause { get { lock (_gate) return _dropCause; } set { lock (_gate) _dropCause = value; } }

    /// <summary>The fault that set <see cref="GarbleFraction"/> (for wire transcripts), or null.</summary>
    public string? GarbleCause { get { lock (_gate) return _garbleCause; } set { lock (_gate) _garbleCause = value; } }

    /// <summary>The latest disconnect fault still holding, or null (also null for a disconnect that gave no name).</summary>
    public string? DisconnectCause { get { lock (_gate) return _disconnectCauses.Count > 0 ? _disconnectCauses[^1] : null; } }

    /// <summary>Cuts the link (counted: each <see cref="Disconnect"/> needs its <see cref="Reconnect"/>); <paramref name="cause"/> names the fault.</summary>
    public void Disconnect(string? cause = null)
    {
        lock (_gate)
        {
            _disconnects++;
            if (cause is not null) _disconnectCauses.Add(cause);
        }
        Disconnected?.Invoke();
    }

    /// <summary>Ends one <see cref="Disconnect"/> (the one named <paramref name="cause"/>, when given).</summary>
    public void Reconnect(string? cause = null)
    {
        lock (_gate)
        {
            _disconnects = Math.Max(0, _disconnects - 1);
            if (cause is not null) _disconnectCauses.Remove(cause);
        }
    }

    /// <summary>Decides the fate of the next request: true = lost (dead link, or the drop draw for its index).</summary>
    public bool LosesNextRequest() => LosesNextRequest(out _);

    /// <summary>As <see cref="LosesNextRequest()"/>; <paramref name="why"/> says what lost it, e.g. "dropped by fault 'drop-1'".</summary>
    public bool LosesNextRequest(out string? why)
    {
        lock (_gate)
        {
            var index = _requests++;
            why = null;
            if (_disconnects > 0)
                why = _disconnectCauses.Count > 0 ? $"link cut by fault '{_disconnectCauses[^1]}'" : "link cut by a disconnect fault";
            else if (_drop > 0 && SeededNoise.Uniform(seed, _dropStream, index) < _drop)
                why = _dropCause is null ? "dropped by a drop fault" : $"dropped by fault '{_dropCause}'";
            if (why is null) return false;
            Lost++;
            return true;
        }
    }

    /// <summary>The bytes as they reach the other end: each one XORed with a non-zero mask with probability <see cref="GarbleFraction"/>.</summary>
    public byte[] Corrupt(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var start = _bytes;
            _bytes += data.Length;
            if (_garble <= 0) return data;
            byte[]? output = null;
            for (var i = 0; i < data.Length; i++)
            {
                if (SeededNoise.Uniform(seed, _garbleStream, 2 * (start + i)) >= _garble) continue;
                output ??= (byte[])data.Clone();
                output[i] ^= (byte)(1 + (int)(SeededNoise.Uniform(seed, _garbleStream, 2 * (start + i) + 1) * 255));
                Garbled++;
            }
            return output ?? data;
        }
    }

    private static double Check(double p) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "a link fault fraction is between 0 and 1");
}
