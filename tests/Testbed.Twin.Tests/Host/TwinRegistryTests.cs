using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Twin.Host;

namespace Testbed.Twin.Tests.Host;

public class TwinRegistryTests
{
    [Test]
    public void Unknown_controller_class_is_a_config_error_naming_file_line_and_known_classes()
    {
        var beamline = BeamlineConfig.Parse("- class: elmo\n  name: a\n- class: warp_drive\n  name: w\n", "b.yaml");
        var context = new TwinContext(TimeProvider.System, NullLoggerFactory.Instance, ".");
        var e = Assert.Throws<ConfigException>(() => TwinRegistry.CreateAll(beamline, context, [new RecordingFactory("elmo")]))!;
        Assert.That(e.Message, Does.StartWith("b.yaml:3:10: key 'w.class': the twin cannot simulate class 'warp_drive'; known classes: elmo"));
    }

    [Test]
    public void Each_controller_goes_to_the_factory_of_its_class()
    {
        var beamline = BeamlineConfig.Parse("- class: Elmo\n  name: a\n- class: keithley\n  name: k\n", "b.yaml");
        var elmo = new RecordingFactory("elmo");
        var keithley = new RecordingFactory("keithley");
        var endpoints = TwinRegistry.CreateAll(beamline, new TwinContext(TimeProvider.System, NullLoggerFactory.Instance, "."), [elmo, keithley]);
        Assert.That(endpoints.Select(e => e.Name), Is.EqualTo(new[] { "a", "k" }));
        Assert.That(elmo.Seen, Is.EqualTo(new[] { "a" }));
        Assert.That(keithley.Seen, Is.EqualTo(new[] { "k" }));
    }

    private sealed class RecordingFactory(string cls) : ITwinFactory
    {
        public List<string> Seen { get; } = [];

        public IReadOnlyCollection<string> Classes => [cls];

        public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
        {
            Seen.Add(controller.Name);
            yield return new NamedEndpoint(controller.Name);
        }
    }

    private sealed class NamedEndpoint(string name) : ITwinEndpoint
    {
        public string Name => name;

        public string Address => "none://";

        public string Url => "";

        public string Description => "test endpoint";

        public Testbed.Twin.Metrics.WireTranscript Transcript { get; } = new(TimeProvider.System);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
