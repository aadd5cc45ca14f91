using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Keithley;
using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Targets;

/// <summary>What a Keithley sends back, into the driver's <see cref="KeithleyCounter"/>: <c>*IDN?</c>, <c>*OPC?</c>, <c>SYST:ERR?</c> and <c>READ?</c> replies.</summary>
/// <remarks>
/// An input is the instrument's answer to each write in turn, separated by 0x1E; a write past the end gets no answer
/// (the read times out). The driver runs its initialisation, two readings, an error query and the 6487 source commands.
/// Bad input is a <see cref="DeviceException"/> naming the device, command and last bytes; anything else is a crash.
/// </remarks>
internal sealed class KeithleyReplyTarget : FuzzTarget
{
    private static readonly KeithleyCounterSettings Settings = new() { ControllerName = "k", SensorName = "k", Url = "fuzz://keithley" };

    // BLISS's initialisation as the driver sends it (13 writes), then READ? twice, SYST:ERR?, and three source commands with their SYST:ERR?.
    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Script("KEITHLEY INSTRUMENTS INC.,MODEL 6487,4000001,B03   Sep 25 2002 10:53:29/A02  /E\n", "", "", "", "1\n", "", "", "1\n", "", "", "", "",
            "0,\"No error\"\n", "+1.234560E-09\n", "+9.900000E+37A,+0.000000E+00,+0.000000E+00\n", "-222,\"Parameter data out of range\"\n",
            "", "0,\"No error\"\n", "", "0,\"No error\"\n", "", "0,\"No error\"\n"),
        Script("KEITHLEY INSTRUMENTS INC.,MODEL 6485,4000001,B03\n", "", "", "", "1\n", "", "", "1\n", "", "", "", "", "0,\"No error\"\n", "-4.2E-12\n"),
        Script("KEITHLEY INSTRUMENTS INC.,MODEL 6487,1,A\n", "", "", "", "1\n", "", "", "1\n", "", "", "", "", "-113,\"Undefined header\"\n"),
        Script("garbage\n"),
        Script("KEITHLEY INSTRUMENTS INC.,MODEL 6487,1,A\n", "", "", "", "1\n", "", "", "1\n", "", "", "", "", "0,\"No error\"\n", "9.91e37\n",
            "1e400\n", "", "", "-221,\"Settings conflict\"\n"),
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } = [[Records.Separator], .. Bytes("\n", ",", "\"", "E+37", "E-09", "A", "MODEL 6487", "MODEL 6485", "0,\"No error\"", "1")];

    public override int MaxInputLength => 8 * 1024;

    public override void Run(byte[] input)
    {
        var arrivals = new Queue<byte[]>(Records.Split(input));
        var counter = new KeithleyCounter(Settings, () => new ScriptedSerialLine(arrivals));
        Try(() => counter.InitializeAsync());
        Try(() => counter.ReadAsync());
        Try(() => counter.ReadAsync());
        Try(() => counter.QueryAsync("SYST:ERR?"));
        Try(() => counter.SetSourceRangeAsync(10));
        Try(() => counter.SetSourceLevelAsync(1.5));
        Try(() => counter.SetSourceEnabledAsync(true));
        counter.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void Try(Func<Task> call)
    {
        try { call().GetAwaiter().GetResult(); }
        catch (DeviceException) { }
    }

    private static byte[] Script(params string[] arrivals) => Records.Join([.. arrivals.Select(System.Text.Encoding.Latin1.GetBytes)]);
}
