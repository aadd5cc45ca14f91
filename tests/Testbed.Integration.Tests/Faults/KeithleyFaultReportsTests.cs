using Microsoft.Extensions.Logging;
using Testbed.Bec.Values;
using Testbed.Drivers.Abstractions;
using Testbed.Scans.DeviceServer.Devices;
using Testbed.TestSupport;
using Testbed.Twin.Faults;

namespace Testbed.Integration.Tests.Faults;

/// <summary>The Keithley device faults against our driver over the real wire: a refused command is reported with the instrument's own
/// error text, an overflow reading is NaN with a line saying why, and command events start faults at the n-th command.</summary>
public class KeithleyFaultReportsTests
{
    private static FaultSpec Spec(string name, FaultKind kind, Dictionary<string, string>? choices = null) =>
        new(name, kind, "kdio", null, FaultStart.Now, null, new Dictionary<string, double>(), choices ?? []);

    [Test]
    public async Task A_refused_READ_is_a_device_error_with_the_error_queue_text_and_the_next_read_after_it_works()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Faults.Inject(Spec("stale", FaultKind.ScpiError, new() { ["code"] = "-230", ["command"] = "READ?" }));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That((e.Device, e.Command), Is.EqualTo(("keithley 'kdio'", "READ?")));
        Assert.That(e.DeviceAddress, Does.StartWith("tcp://127.0.0.1:"));
        Assert.That(e.Problem, Does.Contain("no complete reply within 0.5 s").And.Contain("SYST:ERR? reads -230,\"Data corrupt or stale\""));
        Assert.That(e.Message, Does.Contain("queues an error and sends no reply"));
        Assert.That(await counter.QueryAsync("SYST:ERR?"), Is.EqualTo("0,\"No error\""), "the driver read the entry out of the queue");
        beamline.Faults.Clear("stale");
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task A_refused_SYST_ERR_is_a_plain_timeout_the_driver_does_not_ask_the_queue_about_its_own_query()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Faults.Inject(Spec("mute", FaultKind.ScpiError, new() { ["command"] = "SYST:ERR?" }));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.QueryAsync("SYST:ERR?"))!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Problem, Does.Contain("no complete reply").And.Not.Contain("refused it"), "the error queue is not asked about its own query");
        Assert.That(e.Message, Does.Contain("kdio").And.Contain("tcp://127.0.0.1:"));
    }

    [Test]
    public async Task An_overflow_reading_is_NaN_with_a_line_naming_device_address_and_reading_and_the_device_server_logs_it()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Faults.Inject(Spec("range", FaultKind.Overflow));
        var reading = await counter.ReadAsync();
        TestContext.Out.WriteLine(reading.Problem);
        Assert.That((reading.Status, double.IsNaN(reading.Value)), Is.EqualTo((CounterStatus.Overflow, true)), "never 9.9e37 as a current");
        Assert.That(reading.Problem, Does.StartWith("keithley 'kdio' at tcp://127.0.0.1:").And.Contain("command 'READ?'")
            .And.Contain("the reading +9.900000E+37A is the instrument's overflow value").And.Contain("select a higher range"));

        var log = new WarningLog();
        var device = new CounterDevice(counter, TimeProvider.System, log);
        var signal = (BecMap)(await device.ReadAsync(CancellationToken.None))["dio"];
        Assert.That(signal["value"] is BecFloat { Value: var v } && double.IsNaN(v), Is.True, "published as NaN");
        Assert.That(log.Lines.Single(), Does.Contain("overflow value").And.Contain("kdio"));

        beamline.Faults.Clear("range");
        reading = await counter.ReadAsync();
        Assert.That((reading.Status, reading.Problem), Is.EqualTo((CounterStatus.Ok, (string?)null)));
        Assert.That(reading.Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task Faults_on_the_nth_keithley_command_fire_at_that_command_of_the_drivers_traffic()
    {
        await using var beamline = await FaultBeamline.StartAsync("""
                - {name: late, type: overflow, target: kdio, on: {command: READ?, count: 3}}
                - {name: setup, type: scpi_error, target: kdio, command: "SENSe:CURRent:NPLCycles", on: {command: "*rst"}, for: 5}
            """);
        await using var counter = beamline.Counter();
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.InitializeAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain("kdio").And.Contain("the instrument rejected the set-up with -200,\"Execution error\""),
            "the *RST of the driver's set-up fired the refusal of its NPLC command");
        await Eventually.UntilAsync(() => beamline.Faults.Active.Count == 0, "the refusal's 5 s of twin time running out");
        Assert.That((await counter.ReadAsync()).IsValid, Is.True, "set-up passes once the refusal is over; READ? 1");
        Assert.That((await counter.ReadAsync()).IsValid, Is.True, "READ? 2");
        Assert.That((await counter.ReadAsync()).Status, Is.EqualTo(CounterStatus.Overflow), "the third READ? itself reads the overflow");
        Assert.That(beamline.Faults.Fired.Select(f => (f.Name, f.Spec.Start.Command)), Is.EquivalentTo(new[] { ("setup", "*RST"), ("late", "READ?") }));
    }

    private sealed class WarningLog : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
