using System.Globalization;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>Checklist C1 items 3–9, 13–16, 18, 19 and 22, as raw bytes over a real pty.</summary>
[TestFixture]
public sealed class ScpiConformanceTests
{
    private PtyTwin _twin = null!;

    [OneTimeSetUp]
    public void Start() => _twin = new PtyTwin();

    [OneTimeTearDown]
    public async Task Stop() => await _twin.DisposeAsync();

    [SetUp]
    public void Reset() => Assert.That(_twin.Query("\x18*RST;*CLS;*OPC?"), Is.EqualTo("1"));

    [TestCase("\r", TestName = "C1.3 input terminator CR")]
    [TestCase("\n", TestName = "C1.3 input terminator LF")]
    [TestCase("\r\n", TestName = "C1.3 input terminator CRLF")]
    [TestCase("\n\r", TestName = "C1.3 input terminator LFCR")]
    public void InputTerminatorsAreAccepted(string eol)
    {
        _twin.Send("*IDN?" + eol + "*OPC?" + eol);
        Assert.That(_twin.Client.ReadLine(), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485,"));
        Assert.That(_twin.Client.ReadLine(), Is.EqualTo("1\n"));
        _twin.ExpectNoReply("one reply per query, whatever the terminator");
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
    }

    [TestCase("SENS1:CURR:NPLC 0.5", "SENS1:CURR:NPLC?", "5.000000E-01", TestName = "C1.4 BLISS short form with suffix")]
    [TestCase(":sense:current:dc:nplcycles 0.2", "curr:nplc?", "2.000000E-01", TestName = "C1.4 long form, lower case, leading colon")]
    [TestCase("CURR:NPLC +1.000000E-01", ":SENS:CURR:DC:NPLC?", "1.000000E-01", TestName = "C1.4 optional nodes omitted, NRf with sign")]
    [TestCase("SENS1:CURR:RANGe:UPPer 2e-08", "SENS:CURR:RANG?", "2.000000E-08", TestName = "C1.4 python str() exponent")]
    [TestCase("SENSe1:CURRent:DC:RANGe 2.0E-8", "SENS1:CURR:RANGe:UPPer?", "2.000000E-08", TestName = "C1.4 NRf 2.0E-8, [:UPPer] omitted")]
    [TestCase("SENS1:CURR:RANG 1e-05", "SENS1:CURR:RANG?", "2.000000E-05", TestName = "C1.4 python 1e-05")]
    [TestCase("SYST:ZCH:STAT OFF", "syst:zch?", "0", TestName = "C1.4 optional [:STATe] given")]
    [TestCase("DISP:ENAB OFF", "DISPlay:WINDow1:ENABle?", "0", TestName = "C1.4 optional node with suffix")]
    public void HeadersAndNumbersInEveryFormBlissAndScpiUse(string set, string query, string expected)
    {
        _twin.Send(set + "\n");
        Assert.That(_twin.Query(query), Is.EqualTo(expected));
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
    }

    [Test(Description = "C1.5 several commands per line run in order; each query gives its own reply line")]
    public void SemicolonSeparatedUnitsRunInOrder()
    {
        _twin.Send("SYST:ZCH OFF;SENS1:CURR:NPLC 1;RANG:AUTO OFF;:SYST:ZCH?;:SENS1:CURR:NPLC?;RANG:AUTO?\n");
        Assert.That(_twin.Client.ReadLine(), Is.EqualTo("0\n"));
        Assert.That(_twin.Client.ReadLine(), Is.EqualTo("1.000000E+00\n"));
        Assert.That(_twin.Client.ReadLine(), Is.EqualTo("0\n"));
        _twin.ExpectNoReply("exactly three replies");
    }

    [Test(Description = "C1.6 *IDN? has four fields, field 2 'MODEL 6485'")]
    public void IdentifiesAsModel6485()
    {
        var fields = _twin.Query("*IDN?").Split(',');
        Assert.That(fields, Has.Length.EqualTo(4));
        Assert.That(fields[0], Is.EqualTo("KEITHLEY INSTRUMENTS INC."));
        Assert.That(fields[1], Is.EqualTo("MODEL 6485"));
    }

    [Test(Description = "C1.7 *RST defaults; BLISS's triple FORM:ELEM READ … *RST block (A3/K1) leaves the defaults")]
    public void ResetRestoresDefaultsEvenAfterBlissPreInit()
    {
        _twin.Send("SYST:ZCH OFF\nSENS1:CURR:RANG 2e-6\nSENS1:CURR:NPLC 0.1\n");
        for (var i = 0; i < 3; i++)
        {
            _twin.Send("FORM:ELEM READ\nCALC3:FORM MEAN\nTRAC:FEED SENS\n");
            Assert.That(_twin.Query("*RST\n*OPC?"), Is.EqualTo("1"));
        }
        Assert.That(_twin.Query("SYST:ZCH?"), Is.EqualTo("1"));
        Assert.That(_twin.Query("SENS1:CURR:RANG:AUTO?"), Is.EqualTo("1"));
        Assert.That(_twin.Query("SENS1:CURR:NPLC?"), Is.EqualTo("5.000000E+00"), "50 Hz line: NPLC default is the maximum, 5");
        Assert.That(_twin.Query("FORM:ELEM?"), Is.EqualTo("READ,UNIT,TIME,STAT"));
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
    }

    [Test(Description = "C1.8 *CLS clears the error queue and the event status register")]
    public void ClearStatusEmptiesQueueAndRegisters()
    {
        _twin.Send("BOGUS\nSENS1:CURR:NPLC 99\n");
        Assert.That(_twin.Query("SYST:ERR:COUN?"), Is.EqualTo("2"));
        _twin.Send("*CLS\n");
        Assert.That(_twin.Query("SYST:ERR:COUN?"), Is.EqualTo("0"));
        Assert.That(_twin.Query("*ESR?"), Is.EqualTo("0"));
    }

    [Test(Description = "C1.9 FORM:ELEM lists and read-back; READ? follows the list, reading first")]
    public void ElementListShapesReadings()
    {
        _twin.Send("SYST:ZCH OFF\nFORM:ELEM READ\n");
        Assert.That(_twin.Query("FORM:ELEM?"), Is.EqualTo("READ"));
        Assert.That(_twin.Query("READ?"), Does.Match(@"^[+-]\d\.\d{6}E[+-]\d\d$"));
        _twin.Send("FORM:ELEM READ,UNIT,TIME\n");
        Assert.That(_twin.Query("FORM:ELEM?"), Is.EqualTo("READ,UNIT,TIME"));
        Assert.That(_twin.Query("READ?"), Does.Match(@"^[+-]\d\.\d{6}E[+-]\d\dA,[+-]\d\.\d{6}E[+-]\d\d$"));
        _twin.Send("FORM:ELEM STAT,READ\n");
        Assert.That(_twin.Query("READ?"), Does.Match(@"^[+-]\d\.\d{6}E[+-]\d\d,[+-]\d\.\d{6}E[+-]\d\d$"), "the reading comes first whatever the order typed");
        _twin.Send("FORM:ELEM VOLT\n");
        Assert.That(_twin.NextError(), Is.EqualTo("-224,\"Illegal parameter value\""));
    }

    [TestCase("2.5e-8", "2.000000E-07", TestName = "C1.13 2.5e-8 rounds up to 2e-07")]
    [TestCase("2e-09", "2.000000E-09", TestName = "C1.13 exact 2e-09")]
    [TestCase("-3e-4", "2.000000E-03", TestName = "C1.13 sign ignored")]
    [TestCase("0.02", "2.000000E-02", TestName = "C1.13 top range 20 mA")]
    public void RangePicksSmallestRangeAtLeastTheValue(string value, string expected)
    {
        _twin.Send($"SENS:CURR:RANG {value}\n");
        Assert.That(_twin.Query("SENS:CURR:RANG?"), Is.EqualTo(expected));
        Assert.That(_twin.Query("SENS:CURR:RANG:AUTO?"), Is.EqualTo("0"), "setting a range turns auto range off");
    }

    [Test(Description = "C1.13 a range above 20 mA is −222 and changes nothing")]
    public void RangeAboveTopIsRejected()
    {
        _twin.Send("SENS:CURR:RANG 2e-6\nSENS:CURR:RANG 0.05\n");
        Assert.That(_twin.NextError(), Is.EqualTo("-222,\"Parameter data out of range\""));
        Assert.That(_twin.Query("SENS:CURR:RANG?"), Is.EqualTo("2.000000E-06"));
    }

    [TestCase("ON", "1")]
    [TestCase("OFF", "0")]
    [TestCase("1", "1")]
    [TestCase("0", "0")]
    public void AutoRangeAcceptsOnOffAndNumbers(string value, string expected)
    {
        _twin.Send($"SENS:CURR:RANG:AUTO {(expected == "1" ? "OFF" : "ON")}\nSENS:CURR:RANG:AUTO {value}\n");
        Assert.That(_twin.Query("SENS:CURR:RANG:AUTO?"), Is.EqualTo(expected), "C1.14");
    }

    [TestCase(50, "0.01", true)]
    [TestCase(50, "5", true)]
    [TestCase(50, "6", false)]
    [TestCase(50, "0.005", false)]
    [TestCase(60, "6", true)]
    [TestCase(60, "6.5", false)]
    public async Task NplcIsRangeCheckedAgainstLineFrequency(int hz, string nplc, bool accepted)
    {
        await using var twin = new PtyTwin(options: new Testbed.Twin.Keithley.Model.KeithleyOptions { LineFrequency = hz });
        twin.Send("SENS1:CURR:NPLC 1\n");
        twin.Send($"SENS1:CURR:NPLC {nplc}\n");
        var expected = accepted ? double.Parse(nplc, CultureInfo.InvariantCulture) : 1.0;
        Assert.That(double.Parse(twin.Query("SENS1:CURR:NPLC?"), CultureInfo.InvariantCulture), Is.EqualTo(expected).Within(1e-12), "C1.15");
        Assert.That(twin.NextError(), Is.EqualTo(accepted ? "0,\"No error\"" : "-222,\"Parameter data out of range\""));
    }

    [TestCase("SYST:ZCH", "ON", "1")]
    [TestCase("SYST:ZCOR", "ON", "1")]
    [TestCase("SYST:AZER", "OFF", "0")]
    [TestCase("DISP:ENAB", "OFF", "0")]
    [TestCase("CALC3:FORM", "SDEV", "SDEV")]
    [TestCase("CALC3:FORM", "maximum", "MAX")]
    [TestCase("TRAC:FEED", "CALC", "CALC")]
    [TestCase("TRAC:FEED", "SENS", "SENS")]
    public void SettingsReadBack(string header, string value, string expected)
    {
        _twin.Send($"{header} {value}\n");
        Assert.That(_twin.Query(header + "?"), Is.EqualTo(expected), "C1.16");
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
    }

    [TestCase("BOGUS:CMD 1", -113, TestName = "C1.18 unknown header is -113")]
    [TestCase("SENS1:CURR:NPLCX?", -113, TestName = "C1.18 unknown query is -113")]
    [TestCase("SENS1:CURR:NPLC fast", -104, TestName = "C1.18 word for a number is -104")]
    [TestCase("SYST:ZCH maybe", -104, TestName = "C1.18 word for a boolean is -104")]
    [TestCase("SENS1:CURR:NPLC", -109, TestName = "C1.18 missing parameter is -109")]
    [TestCase("SYST:ZCH ON,OFF", -108, TestName = "C1.18 extra parameter is -108")]
    [TestCase("SYST::ZCH ON", -102, TestName = "C1.18 empty node is -102")]
    [TestCase("*IDN?x", -102, TestName = "C1.18 junk after ? is -102")]
    [TestCase("*IDN\x01?", -101, TestName = "C1.18 control character is -101")]
    public void ErrorsAreQueuedAndQueriesStaySilent(string line, int code)
    {
        _twin.Send(line + "\n");
        _twin.ExpectNoReply("a command with an error gives no reply, even a query");
        Assert.That(_twin.NextError(), Does.StartWith($"{code},\""));
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
    }

    [Test(Description = "C1.19 SYST:ERR? FIFO, empty queue, and the :ALL?, :COUN?, :CODE? forms agree")]
    public void ErrorQueueIsFifoAndConsistent()
    {
        Assert.That(_twin.NextError(), Is.EqualTo("0,\"No error\""));
        _twin.Send("FOO\nSENS1:CURR:NPLC\nSENS1:CURR:NPLC 99\n");
        Assert.That(_twin.Query("SYST:ERR:COUN?"), Is.EqualTo("3"));
        Assert.That(_twin.Query("SYST:ERR:CODE?"), Is.EqualTo("-113"));
        Assert.That(_twin.Query("SYST:ERR:NEXT?"), Is.EqualTo("-109,\"Missing parameter\""));
        Assert.That(_twin.Query("SYST:ERR:ALL?"), Is.EqualTo("-222,\"Parameter data out of range\""));
        Assert.That(_twin.Query("SYST:ERR:ALL?"), Is.EqualTo("0,\"No error\""));
        _twin.Send("FOO\nBAR\n");
        Assert.That(_twin.Query("SYST:ERR:CODE:ALL?"), Is.EqualTo("-113,-113"));
        _twin.Send("*CLS\nFOO\n");
        Assert.That(_twin.Query("*ESR?"), Is.EqualTo("32"), "command errors set the CME bit");
    }

    [Test(Description = "C1.19 the queue holds 10 entries; more become -350 Queue overflow")]
    public void ErrorQueueOverflows()
    {
        for (var i = 0; i < 12; i++) _twin.Send("FOO\n");
        Assert.That(_twin.Query("SYST:ERR:COUN?"), Is.EqualTo("10"));
        var all = _twin.Query("SYST:ERR:CODE:ALL?").Split(',');
        Assert.That(all[^1], Is.EqualTo("-350"));
        Assert.That(all[..^1], Is.All.EqualTo("-113"));
    }

    [Test(Description = "C1.22 BLISS's abort pair 'ABOR\\nOPC?\\n' gives no reply and queues -113")]
    public void BlissAbortTypoIsFaithfullySilent()
    {
        _twin.Send("ABOR\nOPC?\n");
        _twin.ExpectNoReply("a real instrument does not answer 'OPC?' (no '*')");
        Assert.That(_twin.NextError(), Is.EqualTo("-113,\"Undefined header\""));
        Assert.That(_twin.Query("*OPC?"), Is.EqualTo("1"), "the instrument still answers afterwards");
    }
}
