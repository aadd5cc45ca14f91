using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Testbed.Drivers.Elmo;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Integration.Tests.Elmo;

/// <summary>A drive and its driver on one clock running 1000× real time: a 10 s move takes milliseconds, and the wire still shows the drive's motion as it happens.</summary>
[NonParallelizable]
public class ScaledClockTests
{
    private const double Rate = 1000;
    private const double StepsPerUnit = 2000;
    private const double Velocity = 20;       // mm/s
    private const double Acceleration = 200;  // mm/s²: 0.1 s ramps
    private const double From = -99, To = 99; // 198 mm: 0.1 + 9.8 + 0.1 = 10 s of motion

    /// <summary>One query's answer and the virtual times between which the drive gave it.</summary>
    private sealed record Sample(string Command, double Before, double After, long Value);

    [Test]
    public async Task A_10_s_move_at_rate_1000_takes_at_most_0_2_s_of_wall_time_with_MS_and_PX_as_the_profile_says()
    {
        using var clock = new SimulationClock(Rate);
        var drive = new ElmoDrive(clock, new ElmoDriveSettings { InitialPosition = (long)(From * StepsPerUnit) });
        await using var server = new ElmoUdpServer(drive, new IPEndPoint(IPAddress.Loopback, 0));
        server.Start();
        var line = new ElmoControllerSettings
        {
            Name = "tx_ctrl", Host = "127.0.0.1", Port = server.LocalEndPoint.Port,
            FirstContactTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(2),
        };
        var settings = new ElmoAxisSettings
        {
            Name = "tx", Unit = "mm", StepsPerUnit = StepsPerUnit, Velocity = Velocity, Acceleration = Acceleration, LowLimit = -100, HighLimit = 100,
        };
        // The driver polls on the twin's clock (as in-process drivers do); its wire timeouts stay real.
        await using var axis = new ElmoAxis(settings, line, time: clock, wireTime: TimeProvider.System);
        await axis.InitializeAsync();
        // A short move first, so what is timed is the move, not the first call of each code path.
        await axis.MoveAsync(From + 0.5);
        await axis.MoveAsync(From);

        using var sampler = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        sampler.Client.ReceiveTimeout = 2000;
        sampler.Connect(server.LocalEndPoint);
        var samples = new List<Sample>();
        var stop = false;
        Exception? failed = null;
        // A thread of its own: a pool thread blocked in Receive would slow the timers the move waits on.
        var sampling = new Thread(() =>
        {
            try
            {
                while (!Volatile.Read(ref stop))
                    foreach (var command in new[] { "MS", "PX" })
                    {
                        var before = clock.Elapsed.TotalSeconds;
                        var value = Query(sampler, command);
                        samples.Add(new Sample(command, before, clock.Elapsed.TotalSeconds, value));
                    }
            }
            catch (Exception e) { failed = e; }
        }) { IsBackground = true };
        sampling.Start();
        Eventually.Until(() => samples.Count >= 4, "the sampler reads the drive at rest before the move", TimeSpan.FromSeconds(10));

        var virtualStart = clock.Elapsed;
        var wall = Stopwatch.StartNew();
        await axis.MoveAsync(To);
        wall.Stop();
        var moveTime = clock.Elapsed - virtualStart;
        Volatile.Write(ref stop, true);
        sampling.Join();
        if (failed is not null) throw failed;

        TestContext.Out.WriteLine($"10 s profile: {moveTime.TotalSeconds:0.000} s simulated in {wall.Elapsed.TotalMilliseconds:0.0} ms wall, {samples.Count} wire samples");
        Assert.That(moveTime.TotalSeconds, Is.GreaterThanOrEqualTo(10.0 - 1e-6), "the move lasts its profile in virtual time");
        Assert.That(wall.Elapsed, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(0.2)), "≥ 100× faster than real time, with the driver polling on the same clock");

        // From the last reading at rest before the move on.
        var restBefore = samples.Last(s => s.Command == "MS" && s.After <= virtualStart.TotalSeconds);
        var during = samples.SkipWhile(s => s != restBefore).ToList();
        var ms = during.Where(s => s.Command == "MS").ToList();
        var px = during.Where(s => s.Command == "PX").ToList();
        Assert.That(ms.Count(s => s.Value == 2), Is.GreaterThanOrEqualTo(1), "the wire was sampled while the drive moved");
        // MS: at rest, then 2 for the whole profile, then at rest again — one block of 2, never interrupted.
        var shape = string.Concat(ms.Select(s => s.Value == 2 ? 'M' : 'R'));
        Assert.That(shape, Does.Match("^R*M+R*$"), "MS timeline (R at rest, M moving)");
        var firstMoving = ms.First(s => s.Value == 2);
        var lastMoving = ms.Last(s => s.Value == 2);
        Assert.That(lastMoving.Before - firstMoving.After, Is.LessThanOrEqualTo(10.0 + 0.05), "MS is 2 no longer than the profile lasts");
        var restAfter = ms.SkipWhile(s => s != lastMoving).Skip(1).FirstOrDefault();
        if (restAfter is not null)
            Assert.That(restAfter.After - restBefore.Before, Is.GreaterThanOrEqualTo(10.0 - 0.05),
                "MS is 2 for as long as the profile lasts");
        for (var i = 1; i < px.Count; i++)
        {
            Assert.That(px[i].Value, Is.GreaterThanOrEqualTo(px[i - 1].Value), $"PX never goes back on a move up (sample {i})");
            // Never faster than SP: what PX gained is at most what SP allows between the widest bounds of the two readings.
            var gained = (px[i].Value - px[i - 1].Value) / StepsPerUnit;
            Assert.That(gained, Is.LessThanOrEqualTo(Velocity * (px[i].After - px[i - 1].Before) + 1e-3), $"PX faster than SP between samples {i - 1} and {i}");
        }
        // On the flat part the drive runs at SP: never slower than SP between the narrowest bounds.
        var flat = px.Where(s => s.Value / StepsPerUnit > From + 2 && s.Value / StepsPerUnit < To - 2).ToList();
        for (var i = 1; i < flat.Count; i++)
        {
            var gained = (flat[i].Value - flat[i - 1].Value) / StepsPerUnit;
            Assert.That(gained, Is.GreaterThanOrEqualTo(Velocity * (flat[i].Before - flat[i - 1].After) - 0.1), $"PX slower than SP on the flat part between samples {i - 1} and {i}");
        }
        var last = Query(sampler, "PX");
        Assert.That(Query(sampler, "MS"), Is.Zero, "at rest after the move");
        Assert.That(Math.Abs(last - To * StepsPerUnit), Is.LessThanOrEqualTo(10), "PX within TR[1] of the target");
    }

    // An Elmo reply is the echo of the statement, its value and ';'.
    private static long Query(UdpClient client, string command)
    {
        client.Send(Encoding.ASCII.GetBytes(command + "\r"));
        IPEndPoint? from = null;
        var reply = Encoding.ASCII.GetString(client.Receive(ref from));
        Assert.That(reply, Does.StartWith(command + "\r").And.EndWith(";"), $"reply to {command}");
        return long.Parse(reply[(command.Length + 1)..^1], CultureInfo.InvariantCulture);
    }
}
