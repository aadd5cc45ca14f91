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

    /// <summary>Cuts the link (counted: each <see cref="Disconnect"/> needs its <see cref="Reconnect"/>).</summary>
    public void Disconnect()
    {
        lock (_gate) _disconnects++;
        Disconnected?.Invoke();
    }

    public void Reconnect()
    {
        lock (_gate) _disconnects = Math.Max(0, _disconnects - 1);
    }

    /// <summary>Decides the fate of the next request: true = lost (dead link, or the drop draw for its index).</summary>
    public bool LosesNextRequest()
    {
        lock (_gate)
        {
            var index = _requests++;
            var lost = _disconnects > 0 || (_drop > 0 && SeededNoise.Uniform(seed, _dropStream, index) < _drop);
            if (lost) Lost++;
            return lost;
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
