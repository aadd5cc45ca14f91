using Testbed.Twin.Keithley.Model;

namespace Testbed.Twin.Tests.Keithley;

/// <summary>Checklist C1.23: the 6487 voltage source and interlock, over a real pty; the 6485 has none.</summary>
[TestFixture]
public sealed class Model6487Tests
{
    [Test]
    public async Task IdentifiesAsModel6487()
    {
        await using var twin = new PtyTwin(model: 6487);
        Assert.That(twin.Query("*IDN?").Split(',')[1], Is.EqualTo("MODEL 6487"));
    }

    [Test(Description = "SOUR:VOLT:RANG picks 10/50/500 V; the level is clipped to the range; ±505 V is the hard limit")]
    public async Task SourceRangeAndLevel()
    {
        await using var twin = new PtyTwin(model: 6487);
        twin.Send("SOUR1:VOLT:RANG 50\n");
        Assert.That(twin.Query("SOURce1:VOLTage:RANGe?"), Is.EqualTo("5.000000E+01"));
        twin.Send("SOUR:VOLT:RANG 20\n");
        Assert.That(twin.Query("SOUR:VOLT:RANG?"), Is.EqualTo("5.000000E+01"), "20 V needs the 50 V range");
        twin.Send("SOUR1:VOLTage:LEVel:IMMediate:AMPLitude 42.5\n");
        Assert.That(twin.Query("SOUR1:VOLT?"), Is.EqualTo("4.250000E+01"));
        twin.Send("SOUR1:VOLT:RANG 10\n");
        Assert.That(twin.Query("SOUR1:VOLT:LEV?"), Is.EqualTo("1.010000E+01"), "a smaller range clips the level to its limit");
        twin.Send("SOUR1:VOLT 30\n");
        Assert.That(twin.Query("SOUR1:VOLT?"), Is.EqualTo("1.010000E+01"));
        twin.Send("SOUR1:VOLT 600\n");
        Assert.That(twin.NextError(), Is.EqualTo("-222,\"Parameter data out of range\""));
        twin.Send("SOUR1:VOLT:RANG 1000\n");
        Assert.That(twin.NextError(), Is.EqualTo("-222,\"Parameter data out of range\""));
    }

    [Test(Description = "SOUR:VOLT:STAT accepts 1/0/ON/OFF; BLISS's Python 'True' is a data type error")]
    public async Task SourceStateRejectsPythonTrue()
    {
        await using var twin = new PtyTwin(model: 6487);
        twin.Send("SOUR1:VOLT:STAT 1\n");
        Assert.That(twin.Query("SOUR1:VOLT:STAT?"), Is.EqualTo("1"));
        twin.Send("SOUR1:VOLT:STAT OFF\nSOUR1:VOLT:STAT True\n");
        Assert.That(twin.NextError(), Is.EqualTo("-104,\"Data type error\""));
        Assert.That(twin.Query("SOUR1:VOLT:STAT?"), Is.EqualTo("0"), "the rejected command changed nothing");
    }

    [Test(Description = "the 50 V and 500 V ranges need the interlock closed")]
    public async Task InterlockGuardsTheHighRanges()
    {
        await using var twin = new PtyTwin(model: 6487, options: new KeithleyOptions { InterlockClosed = false });
        Assert.That(twin.Query("SOUR1:VOLT:INT:FAIL?"), Is.EqualTo("1"));
        twin.Send("SOUR1:VOLT:RANG 10\nSOUR1:VOLT:STAT ON\n");
        Assert.That(twin.Query("SOUR1:VOLT:STAT?"), Is.EqualTo("1"), "the 10 V range works with the interlock open");
        twin.Send("SOUR1:VOLT:RANG 500\n");
        Assert.That(twin.Query("SOUR1:VOLT:STAT?"), Is.EqualTo("0"), "moving to a high range with the interlock open drops the output");
        twin.Send("SOUR1:VOLT:STAT ON\n");
        Assert.That(twin.NextError(), Is.EqualTo("-221,\"Settings conflict\""));
        twin.Model.Source!.SetInterlock(true);
        twin.Send("SOUR1:VOLT:STAT ON\n");
        Assert.That(twin.Query("SOUR1:VOLT:STAT?"), Is.EqualTo("1"));
    }

    [Test(Description = "the source drives current through the configured load into the ammeter")]
    public async Task SourceCurrentReachesTheInput()
    {
        await using var twin = new PtyTwin(model: 6487, input: new ConstantCurrent(0), options: new KeithleyOptions { LoadOhms = 1e9, NoiseFraction = 0, InputOffset = 0 });
        twin.Send("SYST:ZCH OFF\nSOUR1:VOLT 5\nSOUR1:VOLT:STAT 1\n");
        var reading = double.Parse(twin.Query("READ?").Split(',')[0].TrimEnd('A'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(reading, Is.EqualTo(5e-9).Within(1e-15), "5 V across 1 GΩ");
    }

    [Test(Description = "a 6485 has no source: the commands are undefined headers")]
    public async Task Model6485HasNoSource()
    {
        await using var twin = new PtyTwin(model: 6485);
        twin.Send("SOUR1:VOLT:RANG 10\n");
        Assert.That(twin.NextError(), Is.EqualTo("-113,\"Undefined header\""));
    }
}
