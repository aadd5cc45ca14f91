using Microsoft.Extensions.Logging;
using Testbed.Bec.Redis;
using Testbed.Blissdata;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.ScanServer.Queue;

namespace Testbed.Scans.ScanServer;

/// <summary>What the parts of a running scan server share: the bus, the instruction channel, the queue, the numbers, blissdata.</summary>
public sealed record ScanServerRuntime(BecConnector Bec, InstructionChannel Instructions, ScanQueue Queue, ScanNumbers Numbers,
    ScanServerOptions Options, DataStore? Blissdata, ILogger Logger)
{
    public TimeProvider Time => Options.Time;
}
