using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>A drive on a paused simulation clock, served on 127.0.0.1 port 0, with a raw UDP client and assertion helpers.</summary>
internal sealed class ElmoTestTwin : IDisposable
{
    private ElmoTestTwin(ElmoDriveSettings settings, TimeProvider? wireTime, TimeProvider? driveClock, ILogger? logger)
    {
        Clock = new SimulationClock(paused: true);
        Drive = new ElmoDrive(driveClock ?? Clock, settings);
        Server = new ElmoUdpServer(Drive, new IPEndPoint(IPAddress.Loopback, 0), wireTime, logger, "rot_ctrl");
        Server.Start();
        Client = new RawUdpClient(Server.LocalEndPoint);
    }

    public SimulationClock Clock { get; }

    public ElmoDrive Drive { get; }

    public ElmoUdpServer Server { get; }

    public RawUdpClient Client { get; }

    /// <summary>Starts a twin; the reply deadline is widened so a busy test machine cannot drop replies (tests of the deadline set it themselves).</summary>
    /// <param name="settings">The drive's settings.</param>
    /// <param name="wireTime">The server's real time for reply delays and deadlines (a paused clock steps them exactly).</param>
    /// <param name="driveClock">The drive's clock instead of <see cref="Clock"/> (e.g. one that fails, to stand for a model defect).</param>
    /// <param name="logger">The server's logger (device name "rot_ctrl").</param>
    public static ElmoTestTwin Start(ElmoDriveSettings? settings = null, TimeProvider? wireTime = null, TimeProvider? driveClock = null, ILogger? logger = null)
    {
        settings ??= new ElmoDriveSettings();
        if (settings.ReplyDeadline == new ElmoDriveSettings().ReplyDeadline) settings = settings with { ReplyDeadline = TimeSpan.FromSeconds(10) };
        return new ElmoTestTwin(settings, wireTime, driveClock, logger);
    }

    public void Advance(double milliseconds) => Clock.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Sends <paramref name="command"/>+CR and returns the body, checking the echo and the final ';'.</summary>
    public string Query(string command)
    {
        var reply = Client.Exchange(command + "\r");
        Assert.That(reply, Does.StartWith(command + "\r"), $"echo of {command}");
        Assert.That(reply, Does.EndWith(";"), $"terminator of the reply to {command}");
        var body = reply[(command.Length + 1)..^1];
        Assert.That(body, Does.Not.Contain(";"));
        return body;
    }

    /// <summary>An integer query: the body must be a plain decimal integer (no decimal point, no '+', no spaces).</summary>
    public long Number(string command)
    {
        var body = Query(command);
        Assert.That(body, Does.Match("^-?[0-9]+$"), $"{command} must answer a plain integer, got '{body}'");
        return long.Parse(body, CultureInfo.InvariantCulture);
    }

    /// <summary>Sends a command that must succeed with an empty body: reply = echo + ';'.</summary>
    public void Ok(string command) =>
        Assert.That(Client.Exchange(command + "\r"), Is.EqualTo(command + "\r;"), $"reply to {command}");

    /// <summary>Sends a command that must fail: reply = echo + '?;', then EC must be <paramref name="code"/>.</summary>
    public void Fails(string command, ElmoError code)
    {
        Assert.That(Client.Exchange(command + "\r"), Is.EqualTo(command + "\r?;"), $"reply to {command}");
        Assert.That(Number("EC"), Is.EqualTo((long)code), $"EC after {command}");
    }

    public bool Bit(string command, int bit) => ((Number(command) >> bit) & 1) == 1;

    public void Dispose()
    {
        Client.Dispose();
        Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Clock.Dispose();
    }
}
