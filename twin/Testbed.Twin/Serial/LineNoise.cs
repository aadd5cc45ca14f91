namespace Testbed.Twin.Serial;

/// <summary>Seeded line noise on the instrument→host direction: each byte is garbled or dropped with a probability.</summary>
/// <remarks>The probabilities can be changed while the line runs, so a scenario can switch noise on and off.</remarks>
public sealed class LineNoise(double garble = 0, double drop = 0, int seed = 1, Testbed.Twin.Faults.LinkFaults? link = null)
{
    /// <summary>The link faults on this line (garble, disconnect), or null: a dead link sends nothing and hears nothing.</summary>
    public Testbed.Twin.Faults.LinkFaults? Link { get; } = link;

    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private double _garble = Check(garble);
    private double _drop = Check(drop);

    /// <summary>Probability that a byte is replaced by a random other byte.</summary>
    public double Garble { get { lock (_gate) return _garble; } set { lock (_gate) _garble = Check(value); } }

    /// <summary>Probability that a byte is lost.</summary>
    public double Drop { get { lock (_gate) return _drop; } set { lock (_gate) _drop = Check(value); } }

    public bool IsActive { get { lock (_gate) return _garble > 0 || _drop > 0; } }

    public byte[] Apply(byte[] data)
    {
        if (Link is { } link)
        {
            if (link.IsDisconnected) return [];
            if (link.GarbleFraction > 0) data = link.Corrupt(data);
        }
        lock (_gate)
        {
            if (_garble <= 0 && _drop <= 0) return data;
            var output = new List<byte>(data.Length);
            foreach (var b in data)
            {
                if (_random.NextDouble() < _drop) continue;
                output.Add(_random.NextDouble() < _garble ? (byte)(b ^ (byte)_random.Next(1, 256)) : b);
            }
            return output.ToArray();
        }
    }

    private static double Check(double p) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "a line-noise probability must be between 0 and 1");
}
