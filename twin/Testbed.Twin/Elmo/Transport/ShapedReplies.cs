using System.Net;
using System.Net.Sockets;
using Testbed.Twin.Faults;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Elmo.Transport;

/// <summary>Sends the replies link faults shape (delayed, split into datagrams, duplicated, reordered), one after another, timed on the twin clock.</summary>
/// <remarks>
/// Replies leave in the order their requests arrived, except a reply a reorder fault holds back: it goes right after the next
/// reply, or alone once its hold ran out. Each reply goes to its own request's source, as the unshaped path does. The
/// transcript records what left, when it was recorded, with the faults' note.
/// </remarks>
internal sealed class ShapedReplies(Socket socket, TimeProvider clock, WireTranscript transcript, Action sent)
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;
    private int _inFlight;
    private Reply? _held;

    private sealed record Reply(byte[] Request, byte[] Bytes, SocketAddress To, ReplyShape Shape, DateTimeOffset Due, DateTimeOffset At, string? GarbledBy);

    /// <summary>True while a shaped reply is still to leave: later replies queue behind it, whatever the faults now.</summary>
    public bool Busy { get { lock (_gate) return _inFlight > 0 || _held is not null; } }

    /// <summary>Queues one reply; <paramref name="to"/> is copied.</summary>
    public void Send(ReadOnlySpan<byte> request, ReadOnlySpan<byte> reply, SocketAddress to, ReplyShape shape, DateTimeOffset at, string? garbledBy, CancellationToken ct)
    {
        var copy = new SocketAddress(to.Family, to.Size);
        to.Buffer.CopyTo(copy.Buffer);
        var item = new Reply(request.ToArray(), reply.ToArray(), copy, shape, clock.GetUtcNow() + shape.Delay, at, garbledBy);
        lock (_gate)
        {
            _inFlight++;
            _tail = RunAsync(_tail, item, ct);
        }
    }

    private async Task RunAsync(Task previous, Reply reply, CancellationToken ct)
    {
        // A reply's failure must not stop the ones queued behind it.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            var wait = reply.Due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct).ConfigureAwait(false);
            if (reply.Shape.Hold is { } hold && Hold(reply))
            {
                _ = ReleaseAsync(reply, hold, ct);
                return;
            }
            await TransmitAsync(reply, null, ct).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _held, null) is { } held)
                await TransmitAsync(held, $"sent after the reply to '{WireTranscript.Escape(reply.Request)}'", ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            lock (_gate) _inFlight--;
        }
    }

    // One reply held at a time: a second one drawn while another waits is sent normally (the held one still follows it).
    private bool Hold(Reply reply) => Interlocked.CompareExchange(ref _held, reply, null) is null;

    private async Task ReleaseAsync(Reply reply, TimeSpan hold, CancellationToken ct)
    {
        try
        {
            await Task.Delay(hold, clock, ct).ConfigureAwait(false);
            if (Interlocked.CompareExchange(ref _held, null, reply) != reply) return;
            Task run;
            lock (_gate)
            {
                _inFlight++;
                run = _tail = SendHeldAsync(_tail, reply, ct);
            }
            await run.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task SendHeldAsync(Task previous, Reply reply, CancellationToken ct)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try { await TransmitAsync(reply, "no next reply came: released when its hold ran out", ct).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            lock (_gate) _inFlight--;
        }
    }

    private async Task TransmitAsync(Reply reply, string? how, CancellationToken ct)
    {
        var pieces = reply.Shape.Pieces(reply.Bytes);
        string? gone = null;
        for (var copy = 0; copy < (reply.Shape.Duplicated ? 2 : 1) && gone is null; copy++)
            for (var i = 0; i < pieces.Count && gone is null; i++)
            {
                if (i > 0 && reply.Shape.Gap > TimeSpan.Zero) await Task.Delay(reply.Shape.Gap, clock, ct).ConfigureAwait(false);
                try { await socket.SendToAsync(pieces[i], SocketFlags.None, reply.To, ct).ConfigureAwait(false); }
                catch (SocketException e) { gone = $"the client's port is gone ({e.SocketErrorCode})"; } // nobody is left to tell
            }
        sent();
        var note = string.Join("; ", new[] { reply.GarbledBy, reply.Shape.Note, how, gone }.OfType<string>());
        transcript.Record(reply.Request, reply.Bytes, reply.GarbledBy is null ? WireOutcome.Answered : WireOutcome.Garbled, note.Length == 0 ? null : note, reply.At);
    }
}
