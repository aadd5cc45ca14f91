using System.Globalization;
using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Faults;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Faults;

/// <summary>Keithley device faults on the wire, raw bytes over TCP: SCPI error refusals, overflow readings, command events as starts.</summary>
public class KeithleyFaultWireTests
{
    private static FaultSpec Spec(string name, FaultKind kind, Dictionary<string, string>? choices = null, FaultStart? start = null) =>
        new(name, kind, "kdio", null, start ?? FaultStart.Now, null, new Dictionary<string, double>(), choices ?? []);

    // Sends one line, waits until the instrument has executed it, lets the conversion time pass; the reply line, or null when none came.
    private static string? Query(ServedRig rig, RawSocket socket, string line) => Query(rig, socket, line, line.EndsWith('?') ? 3000 : 200);

    // True when no reply comes (a set, or a refused query): a reply would be there within a fraction of this wait.
    private static bool Silent(ServedRig rig, RawSocket socket, string line) => Query(rig, socket, line, 300) is null;

    private static string? Query(ServedRig rig, RawSocket socket, string line, int timeoutMs)
    {
        var metrics = rig.Keithley.Instrument.Context.Metrics;
        var before = metrics.Requests;
        var timers = rig.Clock.PendingDueTimes.Count;
        socket.Send(line + "\n");
        Eventually.Until(() => metrics.Requests > before, $"the keithley executing {line}");
        // The transport sends a reply at once or schedules it on the clock just after the line ran: advancing the paused clock
        // before it has would leave a conversion's reply waiting for a later instant.
        if (timeoutMs > 300)
            Eventually.Until(() => socket.Available > 0 || rig.Clock.PendingDueTimes.Count > timers, $"the reply to {line} sent or scheduled");
        rig.Advance(1);
        var reply = socket.ReadUntil("\n"u8.ToArray(), timeoutMs);
        return reply.Length == 0 ? null : Encoding.Latin1.GetString(reply).TrimEnd('\n');
    }

    private static double Reading(string? reply) =>
        double.Parse((reply ?? throw new AssertionException("no reply")).Split(',')[0].TrimEnd('A'), NumberStyles.Float, CultureInfo.InvariantCulture);

    [Test]
    public async Task An_scpi_error_on_READ_queues_its_code_answers_nothing_and_leaves_other_commands_alone_until_cleared()
    {
        await using var rig = await ServedRig.StartAsync();
        using var s = new RawSocket(rig.Keithley.Server!.Endpoint);
        Assert.That(Silent(rig, s, "SYST:ZCH OFF"), Is.True);
        Assert.That(Reading(Query(rig, s, "READ?")), Is.GreaterThan(1e-10), "a reading before the fault");
        rig.Faults.Inject(Spec("busy", FaultKind.ScpiError, new() { ["code"] = "-213", ["command"] = "read?" }));
        Assert.That(Silent(rig, s, "READ?"), Is.True, "a refused query gets no reply line, as on the instrument");
        Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("-213,\"Init ignored\""));
        Assert.That(rig.Keithley.Transcript.Format(), Does.Contain("error -213 queued (refused by fault 'busy')"), "the transcript says which fault refused it");
        Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("0,\"No error\""), "one entry per refused command");
        Assert.That(Query(rig, s, "*IDN?"), Does.StartWith("KEITHLEY INSTRUMENTS INC.,MODEL 6485"), "other commands still run");
        Assert.That(Query(rig, s, "MEAS?"), Is.Not.Null, "only the command named is refused");
        Assert.That(rig.Faults.Clear("busy"), Is.True);
        Assert.That(Reading(Query(rig, s, "READ?")), Is.GreaterThan(1e-10), "reads again once cleared");
        Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("0,\"No error\""));
    }

    [Test]
    public async Task Without_command_an_scpi_error_refuses_every_acquiring_command_with_minus_200_and_sets_ESR_execution_error()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: scpi_error, target: kdio}");
        using var s = new RawSocket(rig.Keithley.Server!.Endpoint);
        foreach (var command in new[] { "READ?", "FETC?", "MEAS:CURR:DC?", "INIT" })
        {
            Assert.That(Silent(rig, s, command), Is.True, command);
            Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("-200,\"Execution error\""), command);
        }
        Assert.That(Query(rig, s, "*ESR?"), Is.EqualTo("16"), "EXE bit of the standard event status register");
        Assert.That(Query(rig, s, "SENS:CURR:NPLC?"), Is.Not.Null.And.Not.Empty, "settings are still answered");
    }

    [Test]
    public async Task An_overflow_fault_makes_every_reading_plus_9_9E37_while_it_holds()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: overflow, target: kdio, at: 2, for: 2.5}");
        using var s = new RawSocket(rig.Keithley.Server!.Endpoint);
        Query(rig, s, "SYST:ZCH OFF");
        var before = Reading(Query(rig, s, "READ?"));
        Assert.That(before, Is.LessThan(1e-3), "a current before it fires");
        var during = Query(rig, s, "READ?");
        Assert.That(rig.Faults.Active.Select(f => f.Name), Is.EqualTo(new[] { "overflow-1" }));
        Assert.That(during, Does.StartWith("+9.900000E+37A,"), "the overflow value, with the unit and the other elements as usual");
        Assert.That(Reading(Query(rig, s, "MEAS?")), Is.EqualTo(9.9e37), "auto range does not help: the fault holds");
        Assert.That(Reading(Query(rig, s, "FETC?")), Is.EqualTo(9.9e37), "FETCh? returns the last (overflow) reading");
        Assert.That(rig.Faults.Active, Is.Empty, "its 2.5 s ran out");
        Assert.That(Reading(Query(rig, s, "READ?")), Is.LessThan(1e-3));
    }

    [Test]
    public async Task A_fault_on_the_third_READ_fires_inside_that_READ_whatever_the_spelling()
    {
        await using var rig = await ServedRig.StartAsync("    - {name: refuse, type: scpi_error, target: kdio, on: {command: READ?, count: 3}}");
        using var s = new RawSocket(rig.Keithley.Server!.Endpoint);
        Assert.That(Query(rig, s, "read?"), Is.Not.Null);
        Assert.That(Silent(rig, s, "INIT"), Is.True, "not a READ?: not counted");
        Assert.That(Query(rig, s, ":READ?"), Is.Not.Null);
        Assert.That(rig.Faults.Fired, Is.Empty);
        Assert.That(Silent(rig, s, "READ?"), Is.True, "the third READ? fires the fault and is itself refused");
        var fired = rig.Faults.Fired.Single();
        Assert.That((fired.Name, fired.Spec.Start.Command, fired.FiredAt), Is.EqualTo(("refuse", "READ?", (TimeSpan?)TimeSpan.FromSeconds(3))));
        Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("-200,\"Execution error\""));
    }

    [Test]
    public async Task A_command_event_in_long_form_counts_the_short_form_and_a_set_counts_apart_from_its_query()
    {
        await using var rig = await ServedRig.StartAsync("""
                - {type: overflow, target: kdio, on: {command: "MEASure:CURRent:DC?", count: 2}}
                - {type: scpi_error, target: kdio, command: "*IDN?", on: {command: "sens1:curr:nplc", count: 2}}
            """);
        using var s = new RawSocket(rig.Keithley.Server!.Endpoint);
        Query(rig, s, "SYST:ZCH OFF");
        Assert.That(Reading(Query(rig, s, "MEAS?")), Is.LessThan(1e-3));
        Assert.That(Reading(Query(rig, s, "MEAS?")), Is.EqualTo(9.9e37), "MEAS? is MEASure:CURRent:DC?: its second occurrence fires the overflow");
        Assert.That(rig.Faults.Fired.Single().Spec.Start.Command, Is.EqualTo("MEAS?"), "records name the short form");
        Query(rig, s, "CURR:NPLC?");
        Assert.That(Query(rig, s, "*IDN?"), Is.Not.Null, "a query counts as an NPLC statement: one so far");
        Query(rig, s, "SENSe:CURRent:NPLCycles 1");
        Assert.That(Silent(rig, s, "*IDN?"), Is.True, "the second NPLC statement (a set) fired the refusal of *IDN?");
        Assert.That(Query(rig, s, "SYST:ERR?"), Is.EqualTo("-200,\"Execution error\""));
    }

    [Test]
    public async Task A_header_the_keithley_does_not_know_is_refused_at_injection_naming_the_device()
    {
        await using var rig = await ServedRig.StartAsync();
        var e = Assert.Throws<ArgumentException>(() => rig.Faults.Inject(Spec("x", FaultKind.Overflow, start: FaultStart.OnCommand("kdio", "READX?", 1))))!;
        Assert.That(e.Message, Does.Contain("'READX?' is not a command of 'kdio'"));
        e = Assert.Throws<ArgumentException>(() => rig.Faults.Inject(Spec("y", FaultKind.ScpiError, new() { ["command"] = "INIT?" })))!;
        Assert.That(e.Message, Does.Contain("'INIT?' is not a command of 'kdio'"), "INIT has no query form");
        Assert.That(rig.Faults.All, Is.Empty, "nothing armed");
    }

    [Test]
    public async Task Declared_a_header_the_keithley_does_not_know_is_an_error_located_in_the_file()
    {
        await using var rig = await ServedRig.StartAsync();
        var declared = Testbed.Beamline.Faults.FaultSchema.Parse("{type: overflow, target: kdio,\n on: {command: READX?}}", "faults.yaml", rig.Served.Resolved.Controllers, 0);
        var e = Assert.Throws<Testbed.Beamline.ConfigException>(() => rig.Faults.Arm([declared]))!;
        Assert.That(e.Message, Does.StartWith("faults.yaml:1:").And.Contain("'READX?' is not a command of 'kdio'"));
    }
}
