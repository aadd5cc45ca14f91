using System.Net;
using System.Net.Sockets;
using Testbed.Drivers.Comm;
using Testbed.Drivers.Elmo;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §1.1, §1.7 and §7 D1–D3: datagram handling, timeouts, retries from new ports and no listener.</summary>
public sealed class TransportTests
{
    [Test]
    public async Task Reply_split_over_datagrams_is_joined_up_to_the_terminator()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive);
        drive.When(c => c == "PX" ? Answer.Split("PX", "\r-12", "34;") : null);

        Assert.That(await axis.Controller.QueryNumberAsync("PX"), Is.EqualTo(-1234));
    }

    [Test]
    public async Task Dropped_request_is_retried_from_a_new_source_port()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, controller: ElmoBench.Controller(drive, timeoutSeconds: 0.5));
        var pa = 0;
        drive.When(c => c == "PA" && ++pa == 1 ? Answer.Dropped : null);
        drive.Set("PA", 26222);
        drive.ClearLog();

        Assert.That(await axis.DialAsync(), Is.EqualTo(26222 / 26222.2).Within(1e-12));
        Assert.That(drive.Transcript, Is.EqualTo("PA PA"));
        Assert.That(drive.SourcePorts[1], Is.Not.EqualTo(drive.SourcePorts[0]));
    }

    [Test]
    public async Task Late_reply_goes_to_the_dead_port_and_does_not_corrupt_the_next_query()
    {
        // The driver's timeout and the responder's late reply run on one manual clock: 0.5 s timeout, reply after 0.8 s.
        var clock = new ManualClock();
        using var drive = new ScriptedElmo(clock);
        drive.Set("PX", 42);
        await using var axis = await ElmoBench.ReadyAsync(drive, controller: ElmoBench.Controller(drive, timeoutSeconds: 0.5), time: clock);
        var px = 0;
        drive.When(c => c == "PX" && ++px == 1 ? Answer.Late("999999", TimeSpan.FromMilliseconds(800)) : null);

        var t0 = clock.Elapsed;
        var query = axis.Controller.QueryAsync("PX");
        var (timeout, late) = (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(800));
        await Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.SequenceEqual([t0 + timeout, t0 + late]), "the query waiting and its late reply scheduled");
        clock.Advance(timeout);
        Assert.That(await query.WaitAsync(Eventually.DefaultDeadline), Is.EqualTo("42"), "the retry's reply");
        clock.Advance(late - timeout);
        await Eventually.UntilAsync(() => drive.LateRepliesSent == 1, "the late reply sent to the first attempt's port");
        Assert.That(await axis.Controller.QueryAsync("PX"), Is.EqualTo("42"));
        Assert.That(await axis.Controller.QueryAsync("UM"), Is.EqualTo("5"));

        var ports = drive.SourcePorts;
        Assert.That(ports[1], Is.Not.EqualTo(ports[0]));
        Assert.That(ports.Skip(1).Distinct().Count(), Is.EqualTo(1), "no reset without a timeout");
    }

    [Test]
    public async Task No_reply_after_three_attempts_names_axis_address_and_command()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, controller: ElmoBench.Controller(drive, timeoutSeconds: 0.1));
        drive.When(c => c == "PX" ? Answer.Dropped : null);

        var e = Assert.ThrowsAsync<ElmoTimeoutException>(() => axis.Controller.QueryAsync("PX"));

        Assert.That(e!.Message, Does.StartWith($"axis rot (udp://127.0.0.1:{drive.Port}): command 'PX' failed: no reply within 0.1 s after 3 attempts"));
        Assert.That(drive.Transcript, Is.EqualTo("PX PX PX"));
        Assert.That(drive.SourcePorts.Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task Partial_reply_before_a_timeout_is_shown_in_the_error()
    {
        using var drive = new ScriptedElmo();
        await using var axis = await ElmoBench.ReadyAsync(drive, controller: ElmoBench.Controller(drive, timeoutSeconds: 0.1));
        drive.When(c => c == "PX" ? Answer.Bytes("PX\r12") : null);

        var e = Assert.ThrowsAsync<ElmoTimeoutException>(() => axis.Controller.QueryAsync("PX"));

        Assert.That(e!.Message, Does.EndWith("received only 'PX\\r12' without the final ';'"));
        Assert.That(e.Received, Is.EqualTo("PX\r12"u8.ToArray()));
    }

    [Test]
    public async Task Nothing_listening_is_reported_at_once_and_not_retried()
    {
        using var closed = FreePort.Closed(ProtocolType.Udp);
        var port = closed.Port;
        var settings = new ElmoControllerSettings { Name = "ctrl", Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(5) };
        // The clock never moves: an answer that needed the timeout would never come.
        var clock = new ManualClock();
        await using var axis = new ElmoAxis(ElmoBench.Rot, settings, clock);

        var e = Assert.ThrowsAsync<ElmoException>(() => axis.InitializeAsync().WaitAsync(Eventually.DefaultDeadline));

        Assert.That(e!.Message, Does.Contain($"nothing listens at udp://127.0.0.1:{port}"));
        Assert.That(e.Message, Does.StartWith($"axis rot (udp://127.0.0.1:{port}): command 'VR' failed"));
        Assert.That(e.InnerException, Is.InstanceOf<LineUnreachableException>(), "not a timeout");
    }

    [Test]
    public async Task Line_times_out_through_the_time_provider()
    {
        using var drive = new ScriptedElmo();
        drive.When(_ => Answer.Dropped);
        var time = new ManualClock();
        using var line = new UdpLine("127.0.0.1", drive.Port, TimeSpan.FromHours(1), time);

        var query = line.WriteReadUntilAsync("PX\r"u8.ToArray(), (byte)';');
        await Eventually.ValueAsync(() => drive.Commands.Count, n => n == 1, "the request reaching the responder");
        var firstPort = line.LocalPort;
        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.That(query.IsCompleted, Is.False, "one tick before the timeout the query still waits");
        time.Advance(TimeSpan.FromTicks(1));

        Assert.That(async () => await query, Throws.InstanceOf<LineTimeoutException>());
        Assert.That(line.LocalPort, Is.Not.Null.And.Not.EqualTo(firstPort), "a new socket, a new source port");
    }
}
