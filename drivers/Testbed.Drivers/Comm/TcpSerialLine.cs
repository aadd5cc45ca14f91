using System.Net.Sockets;

namespace Testbed.Drivers.Comm;

/// <summary>A serial line carried raw over a TCP socket (terminal server "raw" mode, <c>tcp://host:port</c>).</summary>
public class TcpSerialLine(string address, (string Host, int Port) endpoint, TimeProvider? time = null) : BufferedSerialLine(address, time)
{
    private Socket? _socket;

    public override bool IsOpen => _socket is { Connected: true };

    protected Socket Socket => _socket ?? throw new SerialLineException($"{Address} is not open");

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), Time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            var (host, port) = await ResolveEndpointAsync(endpoint, cts.Token);
            await socket.ConnectAsync(host, port, cts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or SerialLineException)
        {
            socket.Dispose();
            if (e is SerialLineException) throw;
            cancellationToken.ThrowIfCancellationRequested();
            throw new SerialLineException($"cannot connect to {Address}: {(e is OperationCanceledException ? "no answer within 5 s" : e.Message)}", e);
        }
        _socket = socket;
        await AfterConnectAsync(cancellationToken);
    }

    public override async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try { await Socket.SendAsync(Encode(data), SocketFlags.None, cancellationToken); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new SerialLineException($"write to {Address} failed: {e.Message}", e);
        }
    }

    public override Task CloseAsync()
    {
        Interlocked.Exchange(ref _socket, null)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Where to connect (the configured endpoint, unless a lookup such as ser2net's control port decides).</summary>
    protected virtual Task<(string Host, int Port)> ResolveEndpointAsync((string Host, int Port) configured, CancellationToken cancellationToken) =>
        Task.FromResult(configured);

    /// <summary>Protocol set-up after the TCP connect (none for raw lines).</summary>
    protected virtual Task AfterConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Turns data into wire bytes (identity for raw lines).</summary>
    protected virtual ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> data) => data;

    /// <summary>Turns wire bytes into data in place, returning the data length (identity for raw lines).</summary>
    protected virtual int Decode(Span<byte> wire) => wire.Length;

    protected override async Task<int> ReadSomeAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, Time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        while (true)
        {
            int n;
            try { n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return 0; }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                throw new SerialLineException($"{Address} failed: {e.Message}", e);
            }
            if (n == 0) throw new SerialLineException($"{Address} was closed by the other side");
            var data = Decode(buffer.Span[..n]);
            if (data > 0) return data;
        }
    }

    protected override async Task DiscardPendingAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (Socket.Available > 0)
        {
            var n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (n == 0) break;
            Decode(buffer.AsSpan(0, n));
        }
    }
}
