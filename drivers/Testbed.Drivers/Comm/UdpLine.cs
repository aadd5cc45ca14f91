using System.Net;
using System.Net.Sockets;

namespace Testbed.Drivers.Comm;

/// <summary>A connected UDP "line": send a request datagram, read reply bytes up to a terminator, whatever the datagram boundaries.</summary>
/// <remarks>
/// The socket is connected, so only datagrams from exactly host:port are accepted. Bytes after the terminator are kept
/// for the next read, as a serial line would. On a timeout the socket is replaced by a new one (a new ephemeral source
/// port) and the buffer is dropped: a late reply then goes to the old port instead of being read as the next reply, where
/// <see cref="TakeLateReply"/> can still find it for a clearer error.
/// One transaction runs at a time.
/// </remarks>
public sealed class UdpLine : IDisposable
{
    private const int MaxDatagram = 16 * 1024;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<byte> _pending = [];
    private readonly List<Socket> _retired = [];
    private readonly byte[] _receiveBuffer = new byte[MaxDatagram];
    private Socket? _socket;
    private IPEndPoint? _remote;
    private bool _disposed;

    public UdpLine(string host, int port, TimeSpan timeout, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (port is <= 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "a UDP port is 1..65535");
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the timeout must be positive");
        Host = host;
        Port = port;
        Timeout = timeout;
        _time = time ?? TimeProvider.System;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Default per-transaction timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary><c>udp://host:port</c>, for messages.</summary>
    public string Address => $"udp://{Host}:{Port}";

    /// <summary>The local port of the current socket, or null while closed.</summary>
    public int? LocalPort => _socket?.LocalEndPoint is IPEndPoint ep ? ep.Port : null;

    /// <summary>The bytes the last <see cref="WriteReadUntilAsync"/> with <c>discardStale</c> threw away before sending (empty when none).</summary>
    public byte[] LastDiscarded { get; private set; } = [];

    /// <summary>Sends <paramref name="request"/> as one datagram and returns the reply bytes before <paramref name="terminator"/> (which is consumed).</summary>
    /// <param name="request">The datagram.</param>
    /// <param name="terminator">The reply's last byte.</param>
    /// <param name="timeout">Default <see cref="Timeout"/>.</param>
    /// <param name="discardStale">Drop bytes already received and datagrams already waiting before sending (kept in
    /// <see cref="LastDiscarded"/>): for a protocol with exactly one reply per request, anything there is a stray reply.</param>
    /// <param name="cancellationToken">Cancels the wait; the line is then reset.</param>
    /// <exception cref="LineTimeoutException">No terminator within the timeout; the line has been reset.</exception>
    /// <exception cref="LineUnreachableException">Nothing listens at the address.</exception>
    public Task<byte[]> WriteReadUntilAsync(ReadOnlyMemory<byte> request, byte terminator, TimeSpan? timeout = null, bool discardStale = false,
        CancellationToken cancellationToken = default) => TransactAsync(request, terminator, timeout, discardStale, cancellationToken);

    /// <summary>Reads the next reply bytes before <paramref name="terminator"/> without sending anything (after a reply that was not the awaited one).</summary>
    /// <exception cref="LineTimeoutException">No terminator within the timeout; the line has been reset.</exception>
    public Task<byte[]> ReadUntilAsync(byte terminator, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        TransactAsync(null, terminator, timeout, false, cancellationToken);

    /// <summary>A reply that reached a socket this line gave up on (a reply later than its timeout), or null; closes those sockets.</summary>
    /// <remarks>A reset keeps the old socket open (up to <see cref="RetiredKept"/>) so a late reply can be told from none at all.</remarks>
    public byte[]? TakeLateReply()
    {
        _gate.Wait();
        try { return TakeLate(); }
        finally { _gate.Release(); }
    }

    private byte[]? TakeLate()
    {
        byte[]? late = null;
        foreach (var old in _retired)
        {
            try
            {
                if (late is null && old.Available > 0) late = _receiveBuffer.AsSpan(0, old.Receive(_receiveBuffer)).ToArray();
            }
            catch (SocketException) { }
            old.Dispose();
        }
        _retired.Clear();
        return late;
    }

    /// <summary>Sockets a reset keeps open for <see cref="TakeLateReply"/>.</summary>
    public const int RetiredKept = 4;

    private async Task<byte[]> TransactAsync(ReadOnlyMemory<byte>? request, byte terminator, TimeSpan? timeout, bool discardStale, CancellationToken cancellationToken)
    {
        var limit = timeout ?? Timeout;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var deadline = new CancellationTokenSource(limit, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
            try
            {
                var socket = _socket ?? await OpenAsync(linked.Token).ConfigureAwait(false);
                if (discardStale) LastDiscarded = DiscardStale(socket);
                if (request is { } bytes) await socket.SendAsync(bytes, SocketFlags.None, linked.Token).ConfigureAwait(false);
                while (true)
                {
                    var end = _pending.IndexOf(terminator);
                    if (end >= 0)
                    {
                        var reply = _pending.GetRange(0, end).ToArray();
                        _pending.RemoveRange(0, end + 1);
                        return reply;
                    }
                    var n = await socket.ReceiveAsync(_receiveBuffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
                    _pending.AddRange(_receiveBuffer.AsSpan(0, n));
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var seen = _pending.ToArray();
                Reset();
                throw new LineTimeoutException(Address, limit, seen);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up: the reply may still come, so it must not reach the next transaction.
                Reset();
                throw;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                Close();
                throw new LineUnreachableException(Address, e);
            }
            catch (SocketException)
            {
                Close();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // What is already there before a request goes out: buffered bytes and queued datagrams (non-blocking).
    private byte[] DiscardStale(Socket socket)
    {
        var stale = new List<byte>(_pending);
        _pending.Clear();
        try
        {
            while (socket.Available > 0) stale.AddRange(_receiveBuffer.AsSpan(0, socket.Receive(_receiveBuffer)));
        }
        catch (SocketException) { }
        return stale.Count == 0 ? [] : [.. stale];
    }

    /// <summary>Closes the socket and drops buffered bytes; the next transaction opens a new socket.</summary>
    public void Close()
    {
        TakeLate();
        _pending.Clear();
        var old = _socket;
        _socket = null;
        old?.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        Close();
    }

    private async Task<Socket> OpenAsync(CancellationToken cancellationToken)
    {
        _remote ??= new IPEndPoint(await ResolveAsync(cancellationToken).ConfigureAwait(false), Port);
        _socket = NewSocket(_remote);
        return _socket;
    }

    /// <summary>Drops buffered bytes and moves to a new socket; the old one stays open (for <see cref="TakeLateReply"/>), so the new one cannot reuse its source port.</summary>
    public void Reset()
    {
        _pending.Clear();
        var old = _socket;
        _socket = _remote is null ? null : NewSocket(_remote);
        if (old is null) return;
        _retired.Add(old);
        if (_retired.Count <= RetiredKept) return;
        _retired[0].Dispose();
        _retired.RemoveAt(0);
    }

    private static Socket NewSocket(IPEndPoint remote)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Low-delay type of service, as BLISS sets for its UDP lines; not every platform allows it.
            try { socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, 0x10); }
            catch (SocketException) { }
            socket.Connect(remote);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var ip)) return ip;
        IPAddress[] addresses;
        try { addresses = await Dns.GetHostAddressesAsync(Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false); }
        catch (SocketException e) { throw new IOException($"cannot resolve host '{Host}' of {Address}: {e.Message}", e); }
        return addresses.Length > 0 ? addresses[0] : throw new IOException($"host '{Host}' of {Address} has no IPv4 address");
    }
}
