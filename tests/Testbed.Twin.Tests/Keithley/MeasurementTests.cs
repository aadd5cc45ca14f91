using System.Globalization;
using Testbed.TestSupport;
using Testbed.Twin.Keithley.Model;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>Checklist C1 items 10–12, 17, 20 and 21: conversions in simulated time, over a real pty.</summary>
[TestFixture]
public sealed class MeasurementTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static double Reading(string reply) =>
        double.Parse(reply.Split(',')[0].TrimEnd('A'), NumberStyles.Float, CultureInfo.InvariantCulture);

    [Test(Description = "C1.10 READ? replies only after NPLC/line frequency + overhead of simulated time, NR3 with unit A, reading first")]
    public async Task ReadTakesTheConversionTime()
    {
        await using var twin = new PtyTwin(paused: true, input: new ConstantCurrent(3.2e-8));
        Assert.That(twin.Query("SYST:ZCH OFF;SENS1:CURR:NPLC 1;*OPC?"), Is.EqualTo("1"));
        twin.Send("READ?\n");
        twin.WaitForConversion();
        var due = twin.WaitForReplyDue();
        Assert.That(due - twin.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(21)).Within(Tick), "1 PLC at 50 Hz = 20 ms, plus 1 ms overhead");
        twin.Clock.Advance(due - twin.Clock.Elapsed - Tick);
        Assert.That(twin.Clock.PendingDueTimes, Is.EqualTo(new[] { due }), "one tick before the conversion ends the reply still waits");
        twin.Clock.Advance(Tick);
        var reply = twin.Client.ReadLine();
        Assert.That(reply, Does.Match(@"^[+-]\d\.\d{6}E[+-]\d\dA,[+-]\d\.\d{6}E[+-]\d\d,[+-]\d\.\d{6}E[+-]\d\d\n$"));
        Assert.That(Reading(reply), Is.EqualTo(3.2e-8).Within(3.2e-8 * 1e-3));
    }

    [Test(Description = "C1.10 noise falls with NPLC and is repeatable for a seed")]
    public async Task NoiseDependsOnNplcAndSeed()
    {
        static async Task<double[]> Readings(double nplc, int seed)
        {
            await using var twin = new PtyTwin(options: new KeithleyOptions { NoiseSeed = seed, NoiseFraction = 1e-3 });
            twin.Send($"SYST:ZCH OFF\nSENS1:CURR:RANG 2e-9\nSENS1:CURR:NPLC {nplc.ToString(CultureInfo.InvariantCulture)}\n");
            return Enumerable.Range(0, 40).Select(_ => Reading(twin.Query("READ?"))).ToArray();
        }
        static double Rms(double[] v) => Math.Sqrt(v.Select(x => (x - v.Average()) * (x - v.Average())).Average());
        var fast = await Readings(0.01, 7);
        var slow = await Readings(1, 7);
        Assert.That(Rms(fast), Is.GreaterThan(5 * Rms(slow)), "rms noise ∝ 1/√NPLC: 0.01 PLC is 10× noisier than 1 PLC");
        Assert.That(await Readings(0.01, 7), Is.EqualTo(fast), "same seed, same readings");
        Assert.That(await Readings(0.01, 8), Is.Not.EqualTo(fast));
    }

    [Test(Description = "C1.10 a time-dependent input is averaged over the conversion window")]
    public async Task TimeDependentInputIsIntegratedOverTheWindow()
    {
        await using var twin = new PtyTwin(paused: true, options: new KeithleyOptions { NoiseFraction = 0 });
        Assert.That(twin.Query("SYST:ZCH OFF;SENS1:CURR:NPLC 5;*OPC?"), Is.EqualTo("1"));
        twin.Model.Input = new FunctionCurrent(t => t * 1e-8, twin.Clock.GetUtcNow());
        twin.Send("READ?\n");
        twin.WaitForConversion();
        twin.Clock.Advance(TimeSpan.FromMilliseconds(101));
        // Mean of 1e-8·t over [0, 0.1 s] = 5e-10 A, plus the 40 fA input offset.
        Assert.That(Reading(twin.Client.ReadLine()), Is.EqualTo(5e-10 + 4e-14).Within(1e-15));
    }

    [Test(Description = "C1.11 FETCh? returns the last reading without a new conversion; INIT converts; MEAS? converts")]
    public async Task FetchReturnsTheLastReading()
    {
        await using var twin = new PtyTwin();
        twin.Send("SYST:ZCH OFF\n");
        twin.Send("FETC?\n");
        twin.ExpectNoReply("no reading yet: FETCh? has nothing to return");
        Assert.That(twin.NextError(), Does.StartWith("-230,"));
        var read = twin.Query("READ?");
        Assert.That(twin.Query("FETCh?"), Is.EqualTo(read), "same value and same timestamp");
        Assert.That(twin.Query("FETC?"), Is.EqualTo(read));
        twin.Send("INIT\n");
        var fetched = twin.Query("FETCh?");
        Assert.That(fetched, Is.Not.EqualTo(read), "INIT made a new conversion");
        var measured = twin.Query("MEAS:CURR:DC?");
        Assert.That(measured, Is.Not.EqualTo(fetched));
        Assert.That(twin.Query("MEAS?"), Is.Not.EqualTo(measured));
    }

    [Test(Description = "C1.12 an input above the fixed range reads +9.9E37; auto range reads it")]
    public async Task OverflowReadsNinePointNineE37()
    {
        await using var twin = new PtyTwin(input: new ConstantCurrent(1e-6));
        twin.Send("SYST:ZCH OFF\nSENS1:CURR:RANG 2e-9\n");
        Assert.That(Reading(twin.Query("READ?")), Is.EqualTo(9.9e37));
        twin.Send("SENS1:CURR:RANG:AUTO ON\n");
        Assert.That(Reading(twin.Query("READ?")), Is.EqualTo(1e-6).Within(1e-9));
        Assert.That(twin.Query("SENS1:CURR:RANG?"), Is.EqualTo("2.000000E-06"), "auto range settles on the smallest range that holds the input");
    }

    [Test(Description = "C1.17 zero check shorts the input; ZCOR:ACQ stores the offset that ZCOR ON removes")]
    public async Task ZeroCheckAndZeroCorrect()
    {
        await using var twin = new PtyTwin(input: new ConstantCurrent(5e-9), options: new KeithleyOptions { InputOffset = 3e-12, NoiseFraction = 1e-6 });
        Assert.That(twin.Query("SYST:ZCH?"), Is.EqualTo("1"));
        var shorted = Reading(twin.Query("READ?"));
        Assert.That(shorted, Is.EqualTo(3e-12).Within(1e-13), "with zero check on only the input offset is seen");
        twin.Send("SYST:ZCOR:ACQ\nSYST:ZCOR ON\n");
        Assert.That(Math.Abs(Reading(twin.Query("READ?"))), Is.LessThan(1e-13), "zero correct removes the acquired offset");
        twin.Send("SYST:ZCH OFF\n");
        Assert.That(Reading(twin.Query("READ?")), Is.EqualTo(5e-9).Within(1e-13));
        twin.Send("SYST:ZCOR:ACQ\n");
        Assert.That(twin.NextError(), Is.EqualTo("-221,\"Settings conflict\""), "acquiring needs zero check on");
    }

    [Test(Description = "C1.20 a command while a reply is still being produced drops it and queues -410")]
    public async Task NewCommandInterruptsPendingQuery()
    {
        await using var twin = new PtyTwin(paused: true);
        twin.Send("READ?\n");
        twin.WaitForConversion();
        twin.WaitForReplyDue();
        Assert.That(twin.Query("*IDN?"), Does.StartWith("KEITHLEY"), "the conversion is in progress: the first reply is *IDN?'s");
        twin.Clock.Advance(TimeSpan.FromSeconds(1));
        twin.ExpectNoReply("the interrupted READ? reply is never sent");
        Assert.That(twin.NextError(), Is.EqualTo("-410,\"Query INTERRUPTED\""));
    }

    [TestCase("\x03", TestName = "C1.21 ^C aborts pending output")]
    [TestCase("\x18", TestName = "C1.21 ^X aborts pending output")]
    public async Task BreakCharactersAbortPendingOutputAndInput(string abort)
    {
        await using var twin = new PtyTwin(paused: true);
        twin.Send("READ?\n" + abort);
        twin.WaitForConversion();
        Eventually.Value(() => twin.Clock.PendingDueTimes, d => d.Count == 0, "the pending READ? reply dropped by the abort");
        twin.Clock.Advance(TimeSpan.FromSeconds(1));
        twin.Send("*ID" + abort + "*OPC?\n");
        Assert.That(twin.Client.ReadLine(), Is.EqualTo("1\n"), "the pending reply was discarded, and the partial line before the abort too");
        Assert.That(twin.NextError(), Is.EqualTo("0,\"No error\""), "an abort is not an error");
    }
}
