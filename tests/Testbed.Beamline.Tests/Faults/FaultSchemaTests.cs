using Testbed.Beamline;
using Testbed.Beamline.Faults;

namespace Testbed.Beamline.Tests.Faults;

/// <summary>The beamline file's <c>faults:</c> list: read into typed declarations at load, every mistake a file:line error naming the key.</summary>
public class FaultSchemaTests
{
    private const string Beamline = """
        - class: world
          name: world
        - class: elmo
          name: tx_ctrl
          udp: {url: 127.0.0.1:5001}
          axes: [{name: tx, steps_per_unit: 100}]
        - class: keithley
          name: kdio
          serial: {url: "tcp://127.0.0.1:28001"}
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:8081"}
        - class: faults
          faults:
        """;

    private static BeamlineConfig Parse(string faults) => BeamlineConfig.Parse(Beamline + "\n" + faults, "b.yaml");

    private static string Error(string faults) => Assert.Throws<ConfigException>(() => Parse(faults))!.Message;

    [Test]
    public void One_fault_given_as_JSON_is_read_and_refused_exactly_as_a_file_entry()
    {
        var controllers = Parse("").Controllers;
        var drop = FaultSchema.Parse("""{"type": "drop", "target": "tx", "at": 2, "for": 1, "percent": 30}""", "request", controllers, 4);
        Assert.That((drop.Name, drop.Device, drop.Axis, drop.Start.At, drop.Duration, drop.Numbers["percent"]),
            Is.EqualTo(("drop-5", "tx_ctrl", "tx", (TimeSpan?)TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(1), 30.0)));
        var e = Assert.Throws<ConfigException>(() => FaultSchema.Parse("""{"type": "drop", "target": "tx", "percent": 150}""", "request", controllers, 0))!;
        Assert.That((e.Key, e.Problem), Is.EqualTo(("percent", "150 is outside 0…100")));
        Assert.That(Assert.Throws<ConfigException>(() => FaultSchema.Parse("[1, 2]", "request", controllers, 0))!.Problem, Does.StartWith("each fault is a mapping"));
        Assert.That(Assert.Throws<ConfigException>(() => FaultSchema.Parse("", "request", controllers, 0))!.Problem, Does.StartWith("no fault given"));
    }

    [Test]
    public void Every_start_form_reads_into_a_typed_declaration_with_defaults_filled_in()
    {
        var config = Parse("""
                - {type: drop, target: tx_ctrl, at: 2.5, for: 1, percent: 30}
                - {type: stall, target: tx, on: {command: PA=, count: 5}}
                - {name: dark, type: beam_loss, target: world, on: {device: det1, frame: 10}, for: 0.5}
                - {type: limit_switch, target: tx, side: reverse}
                - {type: garble, target: kdio}
            """);
        var f = config.Faults;
        Assert.That(f.Select(x => x.Name), Is.EqualTo(new[] { "drop-1", "stall-2", "dark", "limit_switch-4", "garble-5" }));
        Assert.That((f[0].Start.At, f[0].Duration, f[0].Numbers["percent"]), Is.EqualTo((TimeSpan.FromSeconds(2.5), (TimeSpan?)TimeSpan.FromSeconds(1), 30.0)));
        Assert.That((f[1].Device, f[1].Axis, f[1].Start.Device, f[1].Start.Event, f[1].Start.Command, f[1].Start.Count, f[1].Duration),
            Is.EqualTo(("tx_ctrl", "tx", "tx_ctrl", "command", "PA=", 5L, (TimeSpan?)null)), "an axis target resolves to its drive; no for: = until cleared");
        Assert.That((f[2].Device, f[2].Start.Device, f[2].Start.Event, f[2].Start.Count), Is.EqualTo(("world", "det1", "frame", 10L)));
        Assert.That(f[3].Choices["side"], Is.EqualTo("reverse"));
        Assert.That(f[4].Numbers["percent"], Is.EqualTo(10), "garble's default");
        Assert.That(f[4].Start, Is.EqualTo(FaultStartDeclaration.Now), "no at:/on: = from the start");
    }

    [Test]
    public void Keithley_faults_and_command_events_read_with_their_parameters_and_defaults()
    {
        var f = Parse("""
                - {type: scpi_error, target: kdio, code: -230, command: "meas:curr?", on: {command: read?, count: 5}}
                - {type: scpi_error, target: kdio}
                - {type: overflow, target: kdio, on: {command: "SENS1:CURR:NPLC"}, for: 2}
                - {type: stall, target: tx, on: {device: kdio, command: "*IDN?"}}
            """).Faults;
        Assert.That((f[0].Choices["code"], f[0].Choices["command"], f[0].Start.Device, f[0].Start.Event, f[0].Start.Command, f[0].Start.Count),
            Is.EqualTo(("-230", "meas:curr?", "kdio", "command", "READ?", 5L)), "the header upper-cased; the twin matches short and long forms");
        Assert.That(f[1].Choices, Is.EqualTo(new Dictionary<string, string> { ["code"] = "-200" }), "default -200; no command: = the reading commands");
        Assert.That((f[2].Type, f[2].Start.Command, f[2].Start.Count, f[2].Duration), Is.EqualTo(("overflow", "SENS1:CURR:NPLC", 1L, (TimeSpan?)TimeSpan.FromSeconds(2))));
        Assert.That((f[3].Device, f[3].Start.Device, f[3].Start.Command), Is.EqualTo(("tx_ctrl", "kdio", "*IDN?")), "a Keithley's commands may start a fault elsewhere");
    }

    [Test]
    public void A_mapping_form_file_takes_a_top_level_faults_list()
    {
        var config = BeamlineConfig.Parse("""
            controllers:
              - {class: elmo, name: a, udp: {url: 127.0.0.1:5001}, axes: [{name: x}]}
            faults:
              - {type: disconnect, target: a, at: 1}
            """, "m.yaml");
        Assert.That(config.Faults.Single().Type, Is.EqualTo("disconnect"));
    }

    [TestCase("- {type: dorp, target: tx_ctrl}", "key 'faults[0].type': unknown fault type 'dorp' (did you mean 'drop'?)")]
    [TestCase("- {type: drop, target: tx_ctrl, precent: 5}", "key 'faults[0].precent': unknown key; did you mean 'percent'?")]
    [TestCase("- {type: drop, target: tx_ctrl, percent: 150}", "key 'faults[0].percent': 150 is outside 0…100")]
    [TestCase("- {type: drop, target: ty}", "key 'faults[0].target': no controller or axis 'ty' in this file (did you mean 'tx'?)")]
    [TestCase("- {type: stall, target: kdio}", "key 'faults[0].target': a stall fault hits elmo or Elmo_whistle entries, and 'kdio' is class keithley")]
    [TestCase("- {type: disk_full, target: det1, on: {frame: 0}}", "key 'faults[0].on.frame': 0 is not a count; counting starts at 1")]
    [TestCase("- {type: disk_full, target: det1, on: {command: PA}}", "key 'faults[0].on.command': commands are counted on Elmo drives and Keithleys, and 'det1' is class simplon_detector")]
    [TestCase("- {type: beam_loss, target: world, on: {device: det1, command: READ?}}", "key 'faults[0].on.command': commands are counted on Elmo drives and Keithleys, and 'det1' is class simplon_detector")]
    [TestCase("- {type: overflow, target: kdio, on: {command: 'READ? 1'}}", "key 'faults[0].on.command': 'READ? 1' is not a SCPI header; write one such as READ?")]
    [TestCase("- {type: overflow, target: tx}", "key 'faults[0].target': an overflow fault hits keithley entries, and 'tx_ctrl' is class elmo")]
    [TestCase("- {type: scpi_error, target: det1}", "key 'faults[0].target': a scpi_error fault hits keithley entries, and 'det1' is class simplon_detector")]
    [TestCase("- {type: scpi_error, target: kdio, code: -999}", "key 'faults[0].code': '-999' is not one of: -200, -210")]
    [TestCase("- {type: scpi_error, target: kdio, command: 'READ?;INIT'}", "key 'faults[0].command': 'READ?;INIT' is not a SCPI header such as READ?")]
    [TestCase("- {type: overflow, target: kdio, command: READ?}", "key 'faults[0].command': unknown key")]
    [TestCase("- {type: stall, target: tx, on: {command: PAX}}", "'PAX' is not an Elmo mnemonic")]
    [TestCase("- {type: stall, target: tx, at: 1, on: {command: BG}}", "give either at: (seconds) or on: (an event), not both")]
    [TestCase("- {type: intensity_drop, target: world}", "key 'faults[0]': an intensity_drop fault needs 'factor' (0…1)")]
    [TestCase("- {type: drop, target: tx_ctrl, for: 0}", "key 'faults[0].for': a fault lasts longer than 0 s")]
    [TestCase("- {type: limit_switch, target: tx, side: up}", "key 'faults[0].side': 'up' is not one of: forward, reverse")]
    [TestCase("- {type: drop, target: tx_ctrl, at: -1}", "key 'faults[0].at': -1 s is outside 0…1000000 s")]
    [TestCase("- {type: dropped_frames, target: det1, percent: 101}", "key 'faults[0].percent': 101 is outside 0…100")]
    [TestCase("- {type: slow_disk, target: kdio}", "key 'faults[0].target': a slow_disk fault hits simplon_detector entries, and 'kdio' is class keithley")]
    [TestCase("- {type: slow_disk, target: det1, ms: -5}", "key 'faults[0].ms': -5 is outside 0…600000")]
    [TestCase("- {type: top_up, target: det1}", "key 'faults[0].target': a top_up fault hits world entries, and 'det1' is class simplon_detector")]
    [TestCase("- {type: top_up, target: world, factor: 2}", "key 'faults[0].factor': 2 is outside 0…1")]
    public void Mistakes_are_load_errors_with_file_line_and_key(string fault, string expected)
    {
        var message = Error("    " + fault);
        TestContext.Out.WriteLine(message);
        Assert.That(message, Does.StartWith("b.yaml:15:").And.Contain(expected));
    }

    [Test]
    public void Detector_and_world_faults_read_with_their_defaults()
    {
        var f = Parse("""
                - {type: dropped_frames, target: det1, on: {frame: 3}}
                - {type: slow_disk, target: det1, for: 2}
                - {type: top_up, target: world, at: 600, for: 0.5}
            """).Faults;
        Assert.That((f[0].Numbers["percent"], f[0].Start.Event, f[0].Start.Count), Is.EqualTo((100.0, "frame", 3L)), "every frame lost by default");
        Assert.That((f[1].Numbers["ms"], f[1].Duration), Is.EqualTo((100.0, (TimeSpan?)TimeSpan.FromSeconds(2))));
        Assert.That((f[2].Device, f[2].Numbers["factor"]), Is.EqualTo(("world", 1.0)), "no dip by default");
    }

    [Test]
    public void Two_faults_of_one_name_are_refused_naming_the_first()
    {
        var message = Error("    - {name: x, type: drop, target: tx_ctrl}\n    - {name: x, type: disconnect, target: tx_ctrl}");
        Assert.That(message, Does.StartWith("b.yaml:16:").And.Contain("fault name 'x' is used twice (first at b.yaml:15:7)"));
    }

    [Test]
    public void Reply_timing_faults_take_their_defaults_and_hit_the_links_they_are_played_on()
    {
        var f = Parse("""
                - {type: delay, target: det1}
                - {type: split, target: kdio, parts: 4, gap_ms: 20}
                - {type: duplicate, target: tx}
                - {type: reorder, target: tx_ctrl, percent: 30}
                - {type: delay, target: kdio, ms: 60000}
            """).Faults;
        Assert.That(f.Select(x => (x.Type, x.Device)), Is.EqualTo(new[] { ("delay", "det1"), ("split", "kdio"), ("duplicate", "tx_ctrl"), ("reorder", "tx_ctrl"), ("delay", "kdio") }));
        Assert.That(f[0].Numbers["ms"], Is.EqualTo(200));
        Assert.That((f[1].Numbers["parts"], f[1].Numbers["gap_ms"]), Is.EqualTo((4.0, 20.0)));
        Assert.That(f[2].Numbers["percent"], Is.EqualTo(100));
        Assert.That((f[3].Numbers["percent"], f[3].Numbers["ms"]), Is.EqualTo((30.0, 100.0)));
    }

    [TestCase("- {type: delay, target: tx_ctrl, ms: 60001}", "key 'faults[0].ms': 60001 is outside 0…60000")]
    [TestCase("- {type: split, target: kdio, parts: 1}", "key 'faults[0].parts': 1 is outside 2…16")]
    [TestCase("- {type: split, target: kdio, parts: 2.5}", "key 'faults[0].parts': 2.5 is not a whole number of parts")]
    [TestCase("- {type: split, target: det1}", "key 'faults[0].target': a split fault hits keithley or elmo or Elmo_whistle entries, and 'det1' is class simplon_detector")]
    [TestCase("- {type: duplicate, target: kdio}", "key 'faults[0].target': a duplicate fault hits elmo or Elmo_whistle entries, and 'kdio' is class keithley")]
    [TestCase("- {type: reorder, target: tx_ctrl, ms: 0}", "key 'faults[0].ms': 0 is outside 1…60000")]
    public void Reply_timing_mistakes_are_load_errors_with_file_line_and_key(string fault, string expected)
    {
        var message = Error("    " + fault);
        TestContext.Out.WriteLine(message);
        Assert.That(message, Does.StartWith("b.yaml:15:").And.Contain(expected));
    }

    [Test]
    public void Each_type_names_the_classes_it_hits_and_a_meaning()
    {
        Assert.That(FaultSchema.Types.Select(t => t.Name), Is.Unique);
        Assert.That(FaultSchema.Types, Has.All.Matches<FaultType>(t => t.Classes.Count > 0 && t.Meaning.Length > 10));
    }
}
