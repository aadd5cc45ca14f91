using System.Net;
using Microsoft.Extensions.Logging;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Transport;

namespace Testbed.Twin.Host.Elmo;

/// <summary>One simulated Elmo drive served over UDP; <see cref="Drive"/> is the control handle (faults, inputs, snapshot).</summary>
public sealed class ElmoTwinEndpoint : ITwinEndpoint
{
    private readonly string _host;
    private bool _started;

    public ElmoTwinEndpoint(string name, string host, IPEndPoint bind, ElmoDrive drive, string description, ILogger? logger = null)
    {
        Name = name;
        _host = host;
        Drive = drive;
        Description = description;
        Server = new ElmoUdpServer(drive, bind, logger: logger, name: name);
        Bind = bind;
    }

    public string Name { get; }

    public string Description { get; }

    public ElmoDrive Drive { get; }

    public ElmoUdpServer Server { get; }

    public Testbed.Twin.Metrics.WireTranscript Transcript => Server.Transcript;

    /// <summary>Where the server binds (port 0 until started).</summary>
    public IPEndPoint Bind { get; }

    public string Address => $"udp://{Url}";

    public string Url => $"{_host}:{(_started ? Server.LocalEndPoint.Port : Bind.Port)}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Server.Start();
        _started = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
