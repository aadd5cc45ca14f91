using Microsoft.Extensions.Logging;
using Testbed.TestSupport;
using Testbed.Twin.Tests.Serial;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>A defect inside the model is counted, logged (device, datagram, exception), and the drive keeps serving.</summary>
public class InternalErrorTests
{
    [Test]
    public void A_model_exception_is_logged_with_the_device_the_escaped_datagram_and_the_exception()
    {
        var clock = new FailingClock();
        var log = new ListLogger();
        using var t = ElmoTestTwin.Start(driveClock: clock, logger: log);
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
        var defect = new InvalidOperationException("the model's clock failed");
        clock.Failure = defect;
        t.Client.Send("PX\r\u0001");
        Eventually.Until(() => t.Server.InternalErrors == 1, "the request counted as an internal error");
        clock.Failure = null;

        var entry = log.Entries.Single(e => e.Level == LogLevel.Error);
        Assert.That(entry.Message, Does.StartWith("rot_ctrl: internal error on datagram 'PX\\r\\x01' from 127.0.0.1:" + t.Client.LocalPort));
        Assert.That(entry.Message, Does.Contain("InvalidOperationException: the model's clock failed"));
        Assert.That(entry.Exception, Is.SameAs(defect), "the exception itself goes to the log (stack trace)");
        Assert.That(t.Server.LastInternalError, Is.SameAs(defect));
        Assert.That(t.Client.TakeArrived(), Is.Empty, "the failed request got no reply");
        var failed = t.Server.Transcript.Snapshot().Single(x => x.Outcome == Testbed.Twin.Metrics.WireOutcome.Failed);
        Assert.That((failed.Request, failed.Reply), Is.EqualTo(("PX\\r\\x01", "(no reply: internal error InvalidOperationException)")), "the wire transcript shows it too");
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"), "the drive keeps answering");
    }

    /// <summary>A drive clock that throws while <see cref="Failure"/> is set: a stand-in for any defect below the interpreter.</summary>
    private sealed class FailingClock : TimeProvider
    {
        private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public Exception? Failure { get; set; }

        public override DateTimeOffset GetUtcNow() => Failure is { } e ? throw e : Start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Failure is { } e ? throw e : 0;
    }
}
