using Testbed.Bec.Codec;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Catalogue;
using Testbed.Scans.ScanServer.Guard;
using Testbed.Scans.Validation;

namespace Testbed.Scans.Tests.ScanServer.Guard;

/// <summary>Requests bound to the published signatures as a bec_lib client sends them: bundles keyed by device objects, positional
/// arguments of bundle-less scans, defaults, and the call written back as the user typed it.</summary>
public class ScanArgumentsTests
{
    private static readonly ScanCatalogue Catalogue = ScanCatalogue.Load();

    private static ScanSignature Sig(string name) => Catalogue.TryGet(name, out var s) ? s : throw new AssertionException(name);

    [Test]
    public void The_recorded_line_scan_request_binds_with_its_defaults()
    {
        var request = (Bec.Messages.Queue.ScanQueueMessage)Support.RecordedSession.Load("02-line_scan")[307].Message;
        Assert.That(((BecMap)request.Parameter["args"]).Entries[0].Key, Is.InstanceOf<DeviceRef>(), "the client keys bundles by the device object");
        var bound = ScanArguments.Bind(Sig("line_scan"), request.Parameter);
        Assert.That(bound.Bundles.Single().Device, Is.EqualTo("samx"));
        Assert.That((bound.Int("steps"), bound.Double("exp_time"), bound.Bool("relative"), bound.Int("burst_at_each_point")), Is.EqualTo((5L, 0.01, false, 1L)));
        Assert.That(bound.ArgBundle, Is.EqualTo(new BecList { "samx", -1, 1 }));
        Assert.That(bound.Call, Is.EqualTo("line_scan(samx, -1, 1, steps=5, exp_time=0.01, relative=False)"));
    }

    [Test]
    public void Positional_arguments_of_a_time_scan_bind_in_signature_order()
    {
        var bound = ScanArguments.Bind(Sig("time_scan"), new BecMap { ["args"] = new BecList { 10, 0.5 }, ["kwargs"] = new BecMap { ["exp_time"] = 0.1 } });
        Assert.That((bound.Int("points"), bound.Double("interval"), bound.Double("exp_time"), bound.Double("settling_time")), Is.EqualTo((10L, 0.5, 0.1, 0.0)));
        var twice = Assert.Throws<ScanParameterException>(() => ScanArguments.Bind(Sig("time_scan"),
            new BecMap { ["args"] = new BecList { 10, 0.5 }, ["kwargs"] = new BecMap { ["points"] = 3 } }))!;
        Assert.That(twice.Message, Does.Contain("points given twice"));
    }

    [Test]
    public void A_grid_needs_two_groups_of_four()
    {
        var e = Assert.Throws<ScanParameterException>(() => ScanArguments.Bind(Sig("grid_scan"),
            new BecMap { ["args"] = new BecMap { ["samx"] = new BecList { -1, 1, 3 } }, ["kwargs"] = new BecMap { ["relative"] = false } }))!;
        Assert.That(e.Message, Is.EqualTo("grid_scan(samx, -1, 1, 3, relative=False): grid_scan needs at least 2 group(s) of (device, start, stop, steps), got 1; nothing moved"));
    }
}
