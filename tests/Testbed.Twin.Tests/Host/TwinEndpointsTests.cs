using Testbed.Twin.Host;

namespace Testbed.Twin.Tests.Host;

public class TwinEndpointsTests
{
    [Test]
    public void A_failing_start_stops_every_endpoint_started_before_it_and_itself()
    {
        var log = new List<string>();
        ITwinEndpoint[] endpoints = [new Probe("a", log, fail: false), new Probe("b", log, fail: false), new Probe("c", log, fail: true), new Probe("d", log, fail: false)];
        var e = Assert.ThrowsAsync<TwinStartException>(() => TwinEndpoints.StartAllAsync(endpoints, null, CancellationToken.None));
        Assert.That(e!.Message, Is.EqualTo("c: cannot start at test://c: c cannot bind"));
        Assert.That(log, Is.EqualTo(new[] { "start a", "start b", "start c", "stop c", "stop b", "stop a" }), "d is never started");
    }

    private sealed class Probe(string name, List<string> log, bool fail) : ITwinEndpoint
    {
        public string Name => name;

        public string Address => "test://" + name;

        public string Url => name;

        public string Description => "probe";

        public Testbed.Twin.Metrics.WireTranscript Transcript { get; } = new(TimeProvider.System);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.Add("start " + name);
            return fail ? Task.FromException(new IOException(name + " cannot bind")) : Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            log.Add("stop " + name);
            return ValueTask.CompletedTask;
        }
    }
}
