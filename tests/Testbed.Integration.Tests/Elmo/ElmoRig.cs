using System.Net;
using Testbed.Drivers.Elmo;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Integration.Tests.Elmo;

/// <summary>One simulated Elmo drive on a loopback UDP port and one driver axis pointed at it; nothing shared but the socket.</summary>
internal sealed class ElmoRig : IAsyncDisposable
{
    // The twin runs 10x faster than real time; the driver waits in real time, as it would against hardware.
    public const double Rate = 10;
    public const double StepsPerUnit = 2000;

    private ElmoRig(SimulationClock clock, ElmoDrive drive, ElmoUdpServer server, ElmoAxis axis)
    {
        Clock = clock;
        Drive = drive;
        Server = server;
        Axis = axis;
    }

    public SimulationClock Clock { get; }

    public ElmoDrive Drive { get; }

    public ElmoUdpServer Server { get; }

    public ElmoAxis Axis { get; }

    public static async Task<ElmoRig> StartAsync(
        Func<ElmoDriveSettings, ElmoDriveSettings>? twin = null,
        Func<ElmoAxisSettings, ElmoAxisSettings>? axis = null,
        Func<ElmoControllerSettings, ElmoControllerSettings>? line = null)
    {
        var clock = new SimulationClock(Rate);
        var drive = new ElmoDrive(clock, (twin ?? (s => s))(new ElmoDriveSettings()));
        var server = new ElmoUdpServer(drive, new IPEndPoint(IPAddress.Loopback, 0));
        server.Start();
        var axisSettings = (axis ?? (s => s))(new ElmoAxisSettings
        {
            Name = "tx", Unit = "mm", StepsPerUnit = StepsPerUnit, Velocity = 20, Acceleration = 200, LowLimit = -100, HighLimit = 100,
        });
        var lineSettings = (line ?? (s => s))(new ElmoControllerSettings
        {
            Name = "tx_ctrl", Host = "127.0.0.1", Port = server.LocalEndPoint.Port,
            // A loaded CI machine may need more than BLISS's 50 ms for the very first reply.
            FirstContactTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(2),
        });
        var driverAxis = new ElmoAxis(axisSettings, lineSettings, TimeProvider.System);
        await driverAxis.InitializeAsync();
        return new ElmoRig(clock, drive, server, driverAxis);
    }

    public long Counts(double dial) => (long)Math.Round(dial * StepsPerUnit);

    public async ValueTask DisposeAsync()
    {
        await Axis.DisposeAsync();
        await Server.DisposeAsync();
        Clock.Dispose();
    }
}
