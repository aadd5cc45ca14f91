namespace Testbed.Twin.Elmo.Model;

/// <summary>IP (input port) bit layouts of the Gold and SimplIQ personalities (spec §3.6).</summary>
public static class ElmoInputPort
{
    /// <summary>First bit of the raw digital inputs (input 1) in both layouts.</summary>
    public const int DigitalInputShift = 16;

    /// <summary>The IP bit of an input function, or -1 when the personality has none.</summary>
    public static int Bit(ElmoPersonality personality, ElmoInput input) => personality == ElmoPersonality.Gold
        ? input switch
        {
            ElmoInput.Safety => 1,
            ElmoInput.MainHome => 2,
            ElmoInput.AuxHome => 3,
            ElmoInput.SoftStop => 4,
            ElmoInput.HardStop => 5,
            ElmoInput.ForwardLimit => 6,
            ElmoInput.ReverseLimit => 7,
            ElmoInput.Inhibit => 8,
            ElmoInput.HardwareBegin => 9,
            ElmoInput.Abort => 10,
            _ => -1,
        }
        : input switch
        {
            ElmoInput.MainHome => 6,
            ElmoInput.AuxHome => 7,
            ElmoInput.SoftStop => 8,
            ElmoInput.HardStop => 9,
            ElmoInput.ForwardLimit => 10,
            ElmoInput.ReverseLimit => 11,
            ElmoInput.Inhibit => 12,
            ElmoInput.HardwareBegin => 13,
            ElmoInput.Abort => 14,
            _ => -1,
        };

    /// <summary>Number of raw digital inputs (Gold 6, SimplIQ 10).</summary>
    public static int DigitalInputCount(ElmoPersonality personality) => personality == ElmoPersonality.Gold ? 6 : 10;

    private static readonly ElmoInput[] AllInputs = Enum.GetValues<ElmoInput>();

    /// <summary>Builds IP from the active functions (bit n = <see cref="ElmoInput"/> value n) and the raw inputs (bit 0 = input 1).</summary>
    public static long Compose(ElmoPersonality personality, int activeFunctions, int digitalInputs)
    {
        long ip = 0;
        foreach (var input in AllInputs)
        {
            var bit = Bit(personality, input);
            if (bit >= 0 && (activeFunctions & (1 << (int)input)) != 0) ip |= 1L << bit;
        }
        var mask = (1 << DigitalInputCount(personality)) - 1;
        return ip | ((long)(digitalInputs & mask) << DigitalInputShift);
    }
}
