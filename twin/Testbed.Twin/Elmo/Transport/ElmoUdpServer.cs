using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;
using Testbed.Twin.Metrics;
using Testbed.Twin.Faults;

namespace Testbed.Twin.Elmo.Transport;

/// <summary>Serves one <see cref="ElmoDrive"/> over UDP: every request datagram gets at most one reply, sent from the bound socket to that datagram's source.</summary>
/// <remarks>
/// No per-client state is kept (clients reopen sockets on new ports). Nothing is ever sent unsolicited, no reply is
/// empty, and a reply that cannot leave within <see cref="ElmoDriveSettings.ReplyDeadline"/> of its request's arrival
/// is dropped rather than sent late (a late reply corrupts a client that does not flush its buffer).
/// </remarks>
public sealed class ElmoUdpServer : IAsyncDisposable
{
    /// <summary>The Elmo Gold UDP port.</summary>
    public const int DefaultPort = 5001;

    private const int MaxDatagram = 65536;

    private readonly IPEndPoint _requested;
    private readonly TimeProvider _wireTime;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Random _loss;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task? _loop;
    private long _received, _replied, _requestsDropped, _repliesDropped;
    private int _disposed;
    private long _internalErrors;
    private readonly Dictionary<int, string> _mnemonics = [];
    private ShapedReplies? _shaped;
    private long _shapedCount;

    /// <summary>A server for <paramref name="drive"/> on <paramref name="endpoint"/> (default 127.0.0.1:5001; port 0 picks a free port).</summary>
    /// <param name="drive">The simulated drive.</param>
    /// <param name="endpoint">Where to bind.</param>
    /// <param name="wireTime">Real time for the reply delay and deadline (default: the system clock).</param>
    /// <param name="logger">Where internal errors are reported (with the device name, the datagram and the exception).</param>
    /// <param name="name">The device name used in log lines (the controller name of the beamline file).</param>
    public ElmoUdpServer(ElmoDrive drive, IPEndPoint? endpoint = null, TimeProvider? wireTime = null, ILogger? logger = null, string name = "elmo")
    {
        Drive = drive;
        Interpreter = new ElmoInterpreter(drive);
        _requested = endpoint ?? new IPEndPoint(IPAddress.Loopback, DefaultPort);
        _wireTime = wireTime ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _name = name;
        _loss = new Random(drive.Settings.Seed);
        Metrics = new EndpointMetrics(_wireTime);
        Link = new LinkFaults(name, drive.Settings.Seed);
        Transcript = new WireTranscript(drive.Clock);
    }

    /// <summary>The last datagrams and their replies (or why none), on the drive's clock, for failure reports.</summary>
    public WireTranscript Transcript { get; }

    /// <summary>Datagrams served: requests, errors (a command answered with '?', an internal error) and the interpreter's latency.</summary>
    public EndpointMetrics Metrics { get; }

    /// <summary>The link faults in effect (drop, garble, disconnect, delay, duplicate, split, reorder), set by the fault timeline.</summary>
    public LinkFaults Link { get; }

    /// <summary>Where received statements are reported as events (<c>PA=</c> …), for faults that start on the n-th one; null = nowhere.</summary>
    public FaultTimeline? Faults { get; set; }

    public ElmoDrive Drive { get; }

    public ElmoInterpreter Interpreter { get; }

    /// <summary>The bound address (port 0 resolved); valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException("The server is not started.");

    public long RequestsReceived => Interlocked.Read(ref _received);

    public long RepliesSent => Interlocked.Read(ref _replied);

    /// <summary>Requests dropped by the loss setting.</summary>
    public long RequestsDropped => Interlocked.Read(ref _requestsDropped);

    /// <summary>Replies dropped because they would have been late.</summary>
    public long RepliesDropped => Interlocked.Read(ref _repliesDropped);

    /// <summary>Replies handed to the link's delay, duplicate, split or reorder faults (their sending timed on the twin clock).</summary>
    public long RepliesShaped => Interlocked.Read(ref _shapedCount);

    /// <summary>Requests that hit an internal error (see <see cref="LastInternalError"/>); 0 unless the twin has a defect.</summary>
    public long InternalErrors => Interlocked.Read(ref _internalErrors);

    /// <summary>The last exception a request raised inside the interpreter or model, or null.</summary>
    public Exception? LastInternalError { get; private set; }

    /// <summary>Binds the socket (throws <see cref="SocketException"/> if the port is taken) and starts serving.</summary>
    public void Start()
    {
        if (_socket is not null) throw new InvalidOperationException("The server is already started.");
        var socket = new Socket(_requested.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(_requested);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _shaped = new ShapedReplies(socket, Drive.Clock, Transcript, () => Interlocked.Increment(ref _replied));
        WarmUp();
        Transcript.Begin();
        _loop = Task.Factory.StartNew(() => ServeAsync(socket, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    // The first request would otherwise pay for compiling the interpreter and miss the reply deadline on a loaded machine:
    // a read-only query (the version) runs once before the first datagram can arrive.
    private void WarmUp()
    {
        var reply = new byte[Drive.Settings.MaxReplyLength];
        try { Interpreter.Execute("VR\r"u8, reply, null); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        _socket?.Dispose();
        if (_loop is not null)
        {
            try { await _loop; }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var request = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var reply = new byte[Drive.Settings.MaxReplyLength];
        var source = new SocketAddress(socket.AddressFamily);
        var perCommand = Drive.Settings.MultiCommandReply == ElmoMultiCommandReply.DatagramPerCommand;
        var ends = perCommand ? new List<int>() : null;
        while (!ct.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveFromAsync(request, SocketFlags.None, source, ct);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (!ct.IsCancellationRequested)
            {
                // ICMP errors from earlier sends and oversize datagrams surface here; the next datagram is unaffected.
                continue;
            }
            var arrived = _wireTime.GetTimestamp();
            // The twin time of arrival: the entry is written after the reply left, by which time a test may have moved the clock on.
            var at = Transcript.Now();
            Interlocked.Increment(ref _received);
            if (Faults is { } faults) ReportStatements(faults, request.AsSpan(0, length));
            if (Link.LosesNextRequest(out var lost))
            {
                Interlocked.Increment(ref _requestsDropped);
                Transcript.Record(request.AsSpan(0, length), default, WireOutcome.Dropped, lost, at);
                continue;
            }
            if (Drive.Settings.DatagramLossProbability > 0 && _loss.NextDouble() < Drive.Settings.DatagramLossProbability)
            {
                Interlocked.Increment(ref _requestsDropped);
                Transcript.Record(request.AsSpan(0, length), default, WireOutcome.Dropped, "dropped by the drive's loss setting", at);
                continue;
            }
            ends?.Clear();
            int replyLength;
            try
            {
                replyLength = Interpreter.Execute(request.AsSpan(0, length), reply, ends);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or IndexOutOfRangeException)
            {
                // A model or interpreter defect must not silence the drive: keep serving, keep the error for inspection, and say so.
                _logger.LogError(e, "{Device}: internal error on datagram '{Datagram}' from {Source}: {Error}; it got no reply (a twin defect: report it with this line)",
                    _name, Escape(request.AsSpan(0, length)), _requested.Create(source), $"{e.GetType().Name}: {e.Message}");
                LastInternalError = e;
                Interlocked.Increment(ref _internalErrors);
                Metrics.Record(arrived, error: true);
                Transcript.Record(request.AsSpan(0, length), default, WireOutcome.Failed, $"internal error {e.GetType().Name}", at);
                continue;
            }
            Metrics.Record(arrived, error: reply.AsSpan(0, replyLength).Contains((byte)'?'));
            if (replyLength == 0)
            {
                Transcript.Record(request.AsSpan(0, length), default, WireOutcome.NoReply, at: at);
                continue;
            }
            string? garbledBy = null;
            if (Link.GarbleFraction > 0)
            {
                var clean = reply[..replyLength];
                var garbled = Link.Corrupt(clean);
                garbled.CopyTo(reply, 0);
                // Corrupt hands back its input when no byte was hit: only a new array means the reply changed.
                if (!ReferenceEquals(garbled, clean)) garbledBy = Link.GarbleCause is { } cause ? $"garbled by fault '{cause}'" : "garbled by a garble fault";
            }
            // Delay, duplicate, split, reorder faults: the reply deadline guards the drive's own handling only, since a late
            // reply is what a delay fault is about; what leaves, and when, is the link's doing (twin time).
            if (_shaped is { } shaped && (Link.ShapesReplies || shaped.Busy))
            {
                if (_wireTime.GetElapsedTime(arrived) > Drive.Settings.ReplyDeadline)
                {
                    Interlocked.Increment(ref _repliesDropped);
                    RecordReply(request.AsSpan(0, length), reply.AsSpan(0, replyLength), sent: false, garbledBy, at);
                    continue;
                }
                shaped.Send(request.AsSpan(0, length), reply.AsSpan(0, replyLength), source, Link.ShapeNextReply(replyLength), at, garbledBy, ct);
                Interlocked.Increment(ref _shapedCount);
                continue;
            }
            if (Drive.Settings.ReplyDelay > TimeSpan.Zero)
            {
                var to = new SocketAddress(source.Family, source.Size);
                source.Buffer.CopyTo(to.Buffer);
                _ = SendLaterAsync(socket, request[..length], reply[..replyLength], ends?.ToArray(), to, arrived, at, garbledBy, ct);
                continue;
            }
            var sent = await SendAsync(socket, reply.AsMemory(0, replyLength), ends, source, arrived, ct);
            RecordReply(request.AsSpan(0, length), reply.AsSpan(0, replyLength), sent, garbledBy, at);
        }
    }

    // A reply that missed its deadline never left: the transcript says so rather than show bytes nobody received.
    private void RecordReply(ReadOnlySpan<byte> request, ReadOnlySpan<byte> reply, bool sent, string? garbledBy, DateTimeOffset at)
    {
        if (!sent)
            Transcript.Record(request, default, WireOutcome.Dropped,
                $"late: the reply missed the {Drive.Settings.ReplyDeadline.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms deadline and was not sent", at);
        else Transcript.Record(request, reply, garbledBy is null ? WireOutcome.Answered : WireOutcome.Garbled, garbledBy, at);
    }

    // Each statement (split at ';', CR, LF) as its mnemonic and whether it assigns, e.g. "PA=100;BG" → PA=, BG. Runs on the
    // receive loop for every datagram: no string per statement (mnemonics are interned in _mnemonics).
    private void ReportStatements(FaultTimeline faults, ReadOnlySpan<byte> datagram)
    {
        while (!datagram.IsEmpty)
        {
            var end = datagram.IndexOfAny((byte)';', (byte)'\r', (byte)'\n');
            var statement = (end < 0 ? datagram : datagram[..end]).TrimStart((byte)' ');
            datagram = end < 0 ? default : datagram[(end + 1)..];
            if (statement.Length < 2 || !char.IsAsciiLetter((char)statement[0]) || !char.IsAsciiLetter((char)statement[1])) continue;
            var key = (char.ToUpperInvariant((char)statement[0]) << 8) | char.ToUpperInvariant((char)statement[1]);
            if (!_mnemonics.TryGetValue(key, out var mnemonic))
                _mnemonics[key] = mnemonic = string.Concat(char.ToUpperInvariant((char)statement[0]), char.ToUpperInvariant((char)statement[1]));
            faults.Observe(_name, FaultEvents.Command, mnemonic, statement[2..].IndexOf((byte)'=') >= 0);
        }
    }

    /// <summary>The datagram as printable text: CR, LF and other control or non-ASCII bytes as escapes, long ones cut.</summary>
    /// <remarks>Quotes are escaped too: log lines show the datagram between quotes.</remarks>
    internal static string Escape(ReadOnlySpan<byte> datagram) => WireTranscript.Escape(datagram).Replace("'", "\\'", StringComparison.Ordinal);

    private async Task SendLaterAsync(Socket socket, byte[] request, byte[] reply, int[]? ends, SocketAddress to, long arrived, DateTimeOffset at,
        string? garbledBy, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Drive.Settings.ReplyDelay, _wireTime, ct);
            var sent = await SendAsync(socket, reply, ends, to, arrived, ct);
            RecordReply(request, reply, sent, garbledBy, at);
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    // False when the reply was dropped for missing its deadline.
    private async ValueTask<bool> SendAsync(Socket socket, ReadOnlyMemory<byte> reply, IReadOnlyList<int>? ends, SocketAddress to, long arrived, CancellationToken ct)
    {
        if (_wireTime.GetElapsedTime(arrived) > Drive.Settings.ReplyDeadline)
        {
            Interlocked.Increment(ref _repliesDropped);
            return false;
        }
        try
        {
            if (ends is null || ends.Count <= 1) await socket.SendToAsync(reply, SocketFlags.None, to, ct);
            else
            {
                var start = 0;
                foreach (var end in ends)
                {
                    if (end > start) await socket.SendToAsync(reply[start..end], SocketFlags.None, to, ct);
                    start = end;
                }
            }
            Interlocked.Increment(ref _replied);
        }
        catch (SocketException)
        {
            // The client went away (ICMP unreachable); there is nobody left to tell.
        }
        return true;
    }
}
