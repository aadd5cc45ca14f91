using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.ScanServer.Guard;

/// <summary>Requests are checked before anything moves and refused on info/queue/queue_request_response in the user's terms: unknown
/// scans, arguments against the published signature, unknown or unsuitable motors, positions outside the soft limits (samx, samy:
/// −50 … 50 mm as the recorded device server publishes them).</summary>
public class ScanGuardTests
{
    private ScanStackHarness _h = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ScanStackHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private static BecMap Line(double start, double stop) => new() { ["samx"] = new BecList { start, stop } };

    private static BecMap Kw(int steps = 5, double exp = 0.01, bool relative = false) => new() { ["steps"] = steps, ["exp_time"] = exp, ["relative"] = relative };

    private async Task<string> RefusedAsync(string scan, BecValue args, BecMap kwargs)
    {
        var (_, response) = await _h.Client.RequestAsync(scan, args, kwargs);
        Assert.That(response.Accepted, Is.False, "refused");
        return response.Message.AsString();
    }

    [Test]
    public async Task An_unknown_scan_is_refused_naming_the_known_ones() =>
        Assert.That(await RefusedAsync("fermat_scan", new BecList(), []),
            Is.EqualTo("scan 'fermat_scan' is not known to this scan server (it runs acquire, device_rpc, grid_scan, line_scan, mv, time_scan, umv)"));

    [Test]
    public async Task Zero_steps_are_refused_with_the_call_as_typed() =>
        Assert.That(await RefusedAsync("line_scan", Line(-1, 1), Kw(steps: 0)),
            Is.EqualTo("line_scan(samx, -1.0, 1.0, steps=0, exp_time=0.01, relative=False): steps must be at least 1, not 0; nothing moved"));

    [Test]
    public async Task A_position_outside_the_soft_limits_is_refused() =>
        Assert.That(await RefusedAsync("line_scan", Line(-1, 60), Kw()),
            Does.Contain("samx would go to 60 mm, outside the soft limits of samx (-50 … 50 mm); nothing moved"));

    [Test]
    public async Task A_relative_scan_is_checked_from_where_the_motor_stands()
    {
        var (rid, _) = await _h.Client.RequestAsync("umv", new BecMap { ["samy"] = new BecList { 45 } }, new BecMap { ["relative"] = false });
        Assert.That(await _h.Client.ItemEndAsync(rid), Is.EqualTo(QueueItemStatus.Completed));
        var message = await RefusedAsync("line_scan", new BecMap { ["samy"] = new BecList { -1, 10 } }, Kw(relative: true));
        Assert.That(message, Does.Contain("samy would go to 55 mm, outside the soft limits of samy (-50 … 50 mm)"));
        Assert.That(await RefusedAsync("umv", new BecMap { ["samy"] = new BecList { 10 } }, new BecMap { ["relative"] = true }), Does.Contain("samy would go to 55 mm"));
    }

    [Test]
    public async Task Unknown_devices_and_devices_that_are_no_motors_are_refused()
    {
        Assert.That(await RefusedAsync("line_scan", new BecMap { ["samz"] = new BecList { -1, 1 } }, Kw()),
            Does.Contain("there is no device 'samz' in this session (devices: samx, samy, bpm4i, eiger)"));
        Assert.That(await RefusedAsync("line_scan", new BecMap { ["bpm4i"] = new BecList { -1, 1 } }, Kw()),
            Does.Contain("bpm4i is not a motor (a signal); scan a positioner"));
    }

    [Test]
    public async Task Times_and_types_are_checked_against_the_signature()
    {
        Assert.That(await RefusedAsync("line_scan", Line(-1, 1), Kw(exp: -0.1)),
            Does.EndWith("exp_time must be zero or a positive number of seconds, not -0.1; nothing moved"));
        Assert.That(await RefusedAsync("line_scan", Line(-1, 1), new BecMap { ["steps"] = 2.5, ["relative"] = false }),
            Does.EndWith("steps must be a whole number, not 2.5; nothing moved"));
        Assert.That(await RefusedAsync("line_scan", Line(-1, 1), new BecMap { ["steps"] = 5 }), Does.EndWith("relative is required (e.g. relative=False); nothing moved"));
        Assert.That(await RefusedAsync("line_scan", Line(double.NaN, 1), Kw()), Does.EndWith("start of samx NaN is not a finite number; nothing moved"));
        Assert.That(await RefusedAsync("grid_scan", Line(-1, 1), new BecMap { ["relative"] = false }),
            Does.EndWith("samx needs 3 value(s) (start, stop, steps), got 2; nothing moved"));
    }

    [Test]
    public async Task A_request_on_another_users_channel_is_refused()
    {
        var rid = Guid.NewGuid().ToString();
        var request = new ScanQueueMessage
        {
            Metadata = new BecMap { ["client_info"] = new BecMap { ["acl_user"] = "default" }, ["RID"] = rid },
            ScanType = "acquire",
            Parameter = new BecMap { ["args"] = new BecList(), ["kwargs"] = new BecMap() },
        };
        await _h.Client.Bec.SendAsync(MessageEndpoints.ScanQueueRequest("alice"), request);
        var response = await _h.Client.ResponseAsync(rid);
        Assert.That(response.Accepted, Is.False);
        Assert.That(response.Message.AsString(), Does.Contain("came on personal/alice/queue/queue_request but from ACL user 'default'"));
    }

    [Test]
    public async Task Refused_requests_send_nothing_to_the_devices_and_queue_nothing()
    {
        var before = _h.Devices.Received.Count;
        await RefusedAsync("line_scan", Line(-1, 60), Kw());
        await RefusedAsync("line_scan", Line(-1, 1), Kw(steps: 0));
        // Instructions arrive in order: the first one after the refusals belongs to the next accepted request.
        var (rid, response) = await _h.Client.RequestAsync("umv", new BecMap { ["samx"] = new BecList { 1 } }, new BecMap { ["relative"] = false });
        Assert.That(response.Accepted, Is.True);
        await _h.Client.ItemEndAsync(rid);
        var first = _h.Devices.Received.Skip(before).First();
        Assert.That((first.Action, first.Metadata["RID"].AsString()), Is.EqualTo((DeviceInstructionAction.Rpc, rid)));
        Assert.That(_h.Client.QueueStatuses.SelectMany(q => q.Find("primary")!.Info).Select(i => i.RequestBlocks[0].Msg.ScanType).Distinct(),
            Is.All.EqualTo("umv"), "only accepted requests were queued");
    }
}
