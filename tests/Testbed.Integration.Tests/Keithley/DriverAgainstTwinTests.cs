using Testbed.Drivers.Abstractions;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Keithley;

/// <summary>The Keithley driver against the Keithley twin over every transport, from one beamline entry.</summary>
[TestFixture]
public sealed class DriverAgainstTwinTests
{
    [TestCase("run/keithley1", TestName = "pty link relative to the beamline file")]
    [TestCase("tcp://127.0.0.1:{port}", TestName = "raw TCP")]
    [TestCase("rfc2217://127.0.0.1:{port}", TestName = "RFC 2217")]
    [TestCase("ser2net://127.0.0.1:{port}/dev/ttyRP11", TestName = "ser2net control port + RFC 2217")]
    public async Task InitialisesAndReadsTheSimulatedCurrent(string url)
    {
        await using var beamline = await KeithleyBeamline.StartAsync(url);
        await using var counter = beamline.Counter();
        var reading = await counter.ReadAsync();
        Assert.That(reading.Status, Is.EqualTo(CounterStatus.Ok));
        Assert.That(reading.Value, Is.EqualTo(2.5e-9).Within(1e-11));
        Assert.That(await counter.QueryAsync("SYST:ZCH?"), Is.EqualTo("0"), "the init sequence turned zero check off");
        Assert.That(await counter.QueryAsync("SENS1:CURR:NPLC?"), Is.EqualTo("1.000000E-01"));
        Assert.That(await counter.QueryAsync("SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test(Description = "6487 on RFC 2217: the source through the driver reaches the model")]
    public async Task Model6487SourceOverRfc2217()
    {
        await using var beamline = await KeithleyBeamline.StartAsync("rfc2217://127.0.0.1:{port}", model: 6487);
        await using var counter = beamline.Counter();
        await counter.SetSourceRangeAsync(50);
        await counter.SetSourceLevelAsync(12.5);
        await counter.SetSourceEnabledAsync(true);
        var source = beamline.Endpoint.Instrument.Model.Source!;
        Assert.That((source.Range, source.Level, source.Enabled), Is.EqualTo((50.0, 12.5, true)));
    }

    [TestCase("run/keithley1", TestName = "line noise on a pty")]
    [TestCase("rfc2217://127.0.0.1:{port}", TestName = "line noise on RFC 2217")]
    public async Task LineNoiseGivesAClearErrorThenRecovers(string url)
    {
        await using var beamline = await KeithleyBeamline.StartAsync(url);
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Endpoint.Noise.Garble = 1;
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        Assert.That(e!.Message, Does.Contain("keithley 'kctrl'").And.Contain("READ?").And.Contain("last bytes received"));
        beamline.Endpoint.Noise.Garble = 0;
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.5e-9).Within(1e-11), "the next read discards the garbage and succeeds");
    }

    [Test(Description = "the twin's pty goes away under the driver: a clear error within the timeout, no hang")]
    public async Task PtyClosedUnderTheDriver()
    {
        var beamline = await KeithleyBeamline.StartAsync("run/keithley1");
        // The driver's clock never moves: a read that waited for its timeout would never end.
        await using var counter = beamline.Counter(new ManualClock());
        await counter.ReadAsync();
        await beamline.DisposeAsync();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync().WaitAsync(Eventually.DefaultDeadline));
        Assert.That(e!.Message, Does.Contain("keithley1").And.Contain("READ?").Or.Contain("cannot open"));
    }

    [Test(Description = "the twin restarts on the same link: the driver reopens and reads again")]
    public async Task DriverSurvivesATwinRestart()
    {
        await using var first = await KeithleyBeamline.StartAsync("run/keithley1");
        await using var counter = first.Counter();
        await counter.ReadAsync();
        await first.Endpoint.DisposeAsync();
        Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync());
        await first.Endpoint.StartAsync(CancellationToken.None);
        // The instrument state survived inside the endpoint; only the pty is new.
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.5e-9).Within(1e-11));
    }
}
