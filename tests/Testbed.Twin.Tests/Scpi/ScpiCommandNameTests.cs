using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Tests.Scpi;

/// <summary>Command names for fault events and refusals: a header as a user writes it resolves to its table line's short form.</summary>
public class ScpiCommandNameTests
{
    private static readonly ScpiCommandTable<KeithleyContext> Table = new(KeithleyCommands.For(6487));

    [TestCase("READ?", "READ?")]
    [TestCase("read?", "READ?")]
    [TestCase(":READ?", "READ?")]
    [TestCase("READ", "READ")]
    [TestCase("MEASure:CURRent:DC?", "MEAS?")]
    [TestCase("meas?", "MEAS?")]
    [TestCase("SENS1:CURR:NPLC", "CURR:NPLC")]
    [TestCase("sense:current:dc:nplcycles?", "CURR:NPLC?")]
    [TestCase("CALC3:FORM", "CALC3:FORM")]
    [TestCase("SYST:ERR?", "SYST:ERR?")]
    [TestCase("SYSTem:ERRor:NEXT?", "SYST:ERR?")]
    [TestCase("SYST:ERR:ALL?", "SYST:ERR:ALL?")]
    [TestCase("*idn?", "*IDN?")]
    [TestCase("SOUR:VOLT:LEV:IMM:AMPL", "SOUR:VOLT")]
    public void A_header_resolves_as_the_instrument_matches_it(string header, string name) =>
        Assert.That(Table.NameOf(header), Is.EqualTo(name));

    [TestCase("READX?")]
    [TestCase("INIT?")] // INITiate has no query form
    [TestCase("CALC2:FORM")] // CALCulate3 only
    [TestCase("*XYZ")]
    [TestCase("SENS::NPLC")]
    public void A_header_the_instrument_does_not_know_has_no_name(string header) => Assert.That(Table.NameOf(header), Is.Null);

    [Test]
    public void Every_table_line_has_a_short_form_of_its_own()
    {
        Assert.That(Table.All.Select(c => c.Header.ShortForm), Is.Unique);
    }
}
