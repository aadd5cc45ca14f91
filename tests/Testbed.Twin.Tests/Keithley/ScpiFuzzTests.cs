using System.Text;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>Bad input maps to its SCPI error class; random and mutated input is fuzzed by <c>testbed fuzz scpi-lines</c> (tests/Testbed.Fuzzing.Tests).</summary>
[TestFixture]
public sealed class ScpiFuzzTests
{
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
