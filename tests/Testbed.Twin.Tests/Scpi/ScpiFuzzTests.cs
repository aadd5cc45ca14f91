using System.Text;
using Testbed.Twin.Clock;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Tests.Scpi;

/// <summary>Bad input: 10⁵ random byte strings into the SCPI adapter never throw, queue only SCPI errors, and leave the instrument answering.</summary>
[TestFixture]
public sealed class ScpiFuzzTests
{
    private static readonly HashSet<int> ParserErrors = [-101, -102, -104, -108, -109, -113, -221, -222, -223, -224, -230, -350, -410];

    [Test]
    public void RandomBytesNeverBreakTheInstrument([Values(11, 12)] int seed)
    {
        using var clock = new SimulationClock(1e6);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions { Model = 6487 }, clock, new ConstantCurrent(1e-9)));
        var session = instrument.OpenSession();
        var random = new Random(seed);
        // Printable-heavy alphabets reach deeper into the parser than uniform bytes.
        const string scpi = "*:;?, \"'0123456789.eE+-SYSTZCHERRSENSCURRNPLCRANGAUTOREADFETCMEASFORMELEMSOURVOLTSTATONOFF";
        var seen = new HashSet<int>();
        for (var i = 0; i < 50_000; i++)
        {
            var length = random.Next(0, 48);
            var bytes = new byte[length + 1];
            for (var j = 0; j < length; j++)
                bytes[j] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)scpi[random.Next(scpi.Length)];
            bytes[length] = (byte)'\n';
            session.Receive(bytes);
            session.TakeReady(out _);
            foreach (var error in instrument.Errors.TakeAll())
            {
                seen.Add(error.Code);
                Assert.That(ParserErrors, Does.Contain(error.Code), $"input {Convert.ToHexString(bytes)} queued {error}");
            }
        }
        Assert.That(seen, Is.SupersetOf(new[] { -101, -102, -113 }), "random input exercises the command-error classes");
        session.Receive("\x18*CLS\n*IDN?\nSYST:ERR?\n"u8);
        var reply = "";
        for (var i = 0; i < 200 && !reply.EndsWith("\"\n", StringComparison.Ordinal); i++)
        {
            reply += Encoding.Latin1.GetString(session.TakeReady(out _));
            Thread.Yield();
        }
        Assert.That(reply, Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6487,").And.EndWith("\n0,\"No error\"\n"));
    }

    [Test(Description = "each documented error class maps to its SCPI code")]
    public void ErrorCodesForKnownBadInput()
    {
        using var clock = new SimulationClock(1e6);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), clock, new ConstantCurrent(1e-9)));
        var session = new KeithleyScpiSession(instrument);
        foreach (var (line, code) in new (string, int)[]
                 {
                     ("\u00ff\u00fe", -101), ("SYST:ZCH?ON", -102), ("SENS:CURR:NPLC ON", -104), ("SYST:ZCH ON,1", -108),
                     ("SYST:ZCH", -109), ("NOPE?", -113), ("SENS:CURR:NPLC 1e400", -222), ("CALC3:FORM WHAT", -224),
                     (new string('A', 5000), -223),
                 })
        {
            session.Receive(Encoding.Latin1.GetBytes(line + "\n"));
            Assert.That(instrument.Errors.TakeAll().Select(e => e.Code), Is.EqualTo(new[] { code }), line.Length > 40 ? line[..40] : line);
        }
    }
}
