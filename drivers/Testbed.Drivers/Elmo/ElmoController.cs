using System.Net.Sockets;
using System.Text;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Comm;

namespace Testbed.Drivers.Elmo;

/// <summary>One Elmo Gold drive over UDP, driving one axis (as BLISS's <c>elmo</c> controller): commands in counts, BLISS's exact sequences.</summary>
/// <remarks>
/// Queries are serialised; each is tried up to <see cref="ElmoControllerSettings.Attempts"/> times on timeout, every retry from a new
/// source port (the line is reset on a timeout). A refused command (reply ending in <c>?</c>) is followed by one <c>EC</c>
/// query and raised as <see cref="ElmoCommandException"/>; it is not retried. Spec §1.1 allows exactly one reply per command, so
/// bytes waiting before a request goes out, and a reply whose echo names another command, are strays (duplicated or late
/// replies): they are dropped and counted (<see cref="StrayReplies"/>). No right reply after a stray is an echo mismatch naming
/// both commands; it resets the line and is not retried.
/// </remarks>
public sealed partial class ElmoController : IDisposable
{
    private readonly UdpLine _line;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly TimeProvider _wireTime;

    /// <param name="settings">Where the drive is, timeouts and retries.</param>
    /// <param name="axis">The axis it drives.</param>
    /// <param name="time">The clock of pauses and polling (the twin's clock when it runs in the same process, so polling scales with it).</param>
    /// <param name="wireTime">The clock reply timeouts are measured on (default: <paramref name="time"/>); give real time when
    /// <paramref name="time"/> runs faster than real time, since a datagram's round trip does not scale.</param>
    public ElmoController(ElmoControllerSettings settings, ElmoAxisSettings axis, TimeProvider? time = null, TimeProvider? wireTime = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(axis);
        if (settings.Attempts < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Attempts, "Attempts must be at least 1");
        Settings = settings;
        Axis = axis;
        _time = time ?? TimeProvider.System;
        UnitMode = axis.UserMode;
        _wireTime = wireTime ?? _time;
        _line = new UdpLine(settings.Host, settings.Port, settings.Timeout, _wireTime);
    }

    public ElmoControllerSettings Settings { get; }

    public ElmoAxisSettings Axis { get; }

    /// <summary>The clock for every pause and timeout of this drive.</summary>
    public TimeProvider Time => _time;

    /// <summary><c>udp://host:port</c>.</summary>
    public string Address => _line.Address;

    /// <summary>The reply bytes (before <c>;</c>) of the last completed exchange, for diagnostics.</summary>
    public byte[]? LastReply { get; private set; }

    /// <summary>The text <c>VR</c> returned at first contact, once <see cref="InitializeAsync"/> has run.</summary>
    public string? Version { get; private set; }

    /// <summary>Sends one command (e.g. <c>PX</c>, <c>SP=1000</c>) and returns the reply value with the echo and <c>;</c> removed.</summary>
    public async Task<string> QueryAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (command.AsSpan().IndexOfAny("\r\n;") >= 0 || !Ascii.IsValid(command))
            throw new ArgumentException($"'{command}' must be one ASCII command without a terminator (the driver adds CR)", nameof(command));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await ExchangeAsync(command, Settings.Timeout, checkError: true, cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    /// <summary><see cref="QueryAsync"/> parsed as an integer (as BLISS parses UM, MS, SR, IP, AC, EC).</summary>
    public async Task<long> QueryIntegerAsync(string command, CancellationToken cancellationToken = default)
    {
        var value = await QueryAsync(command, cancellationToken).ConfigureAwait(false);
        return ElmoReply.TryInteger(value, out var n) ? n : throw BadValue(command, "an integer", value);
    }

    /// <summary><see cref="QueryAsync"/> parsed as a number (as BLISS parses PX, PA, SP).</summary>
    public async Task<double> QueryNumberAsync(string command, CancellationToken cancellationToken = default)
    {
        var value = await QueryAsync(command, cancellationToken).ConfigureAwait(false);
        return ElmoReply.TryNumber(value, out var x) ? x : throw BadValue(command, "a number", value);
    }

    /// <summary>First contact: <c>VR</c> with the short first-contact timeout; no reply means the drive is not connected.</summary>
    public async Task<string> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Version = await ExchangeAsync("VR", Settings.FirstContactTimeout, checkError: true, cancellationToken).ConfigureAwait(false);
            return Version;
        }
        catch (ElmoTimeoutException e)
        {
            throw new ElmoException(Axis.Name, Address, "VR", null,
                $"Controller Elmo ({Settings.Host}) is not connected: no reply within {Settings.FirstContactTimeout.TotalMilliseconds:0} ms " +
                $"after {Settings.Attempts} attempts; check that the drive is powered and that udp.url points at it", e);
        }
        finally { _gate.Release(); }
    }

    public void Dispose() => _line.Dispose();

    private async Task<string> ExchangeAsync(string command, TimeSpan timeout, bool checkError, CancellationToken cancellationToken)
    {
        var request = ElmoReply.Request(command);
        byte[] reply;
        _line.TakeLateReply();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Exactly one reply per command (spec §1.1): whatever waits before the request goes out is stray (a duplicate, a late reply).
                reply = await _line.WriteReadUntilAsync(request, ElmoReply.Terminator, timeout, discardStale: true, cancellationToken).ConfigureAwait(false);
                if (_line.LastDiscarded.Length > 0) Strays(_line.LastDiscarded);
                break;
            }
            catch (LineTimeoutException) when (attempt < Settings.Attempts)
            {
                // The line has already moved to a new source port; a late reply to this attempt goes to the old one.
            }
            catch (LineTimeoutException e)
            {
                var late = _line.TakeLateReply();
                throw new ElmoTimeoutException(Axis.Name, Address, command, e.Received,
                    $"no reply within {timeout.TotalSeconds:0.###} s after {Settings.Attempts} attempts (each from a new source port); " +
                    (late is null
                        ? "check that the drive is powered, reachable and that udp.url is right"
                        : $"a reply to an earlier attempt came later than the timeout, on its abandoned port ('{LineTimeoutException.Printable(late)}'): " +
                          "the drive answers, but too slowly for udp.timeout"), e);
            }
            catch (LineUnreachableException e)
            {
                throw new ElmoException(Axis.Name, Address, command, null, e.Message, e);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                throw new ElmoException(Axis.Name, Address, command, null, $"network error: {e.Message}", e);
            }
        }
        reply = await SkipStrayRepliesAsync(command, reply, timeout, cancellationToken).ConfigureAwait(false);
        LastReply = reply;
        var value = ElmoReply.Value(command, reply)!;
        if (checkError && ElmoReply.IsError(value))
        {
            var ec = await ExchangeAsync("EC", timeout, checkError: false, cancellationToken).ConfigureAwait(false);
            if (ElmoReply.TryInteger(ec, out var code) && code is >= 0 and <= int.MaxValue)
                throw new ElmoCommandException(Axis.Name, Address, command, reply, (int)code);
            throw new ElmoException(Axis.Name, Address, command, reply, $"the drive refused the command, and EC answered '{ec}' instead of an error code");
        }
        return value;
    }

    /// <summary>Stray replies thrown away so far (duplicated or late replies, answering a command no longer in flight).</summary>
    public long StrayReplies { get; private set; }

    /// <summary>The last stray reply bytes thrown away, or null.</summary>
    public byte[]? LastStray { get; private set; }

    private void Strays(byte[] bytes)
    {
        StrayReplies += Math.Max(1, bytes.Count(b => b == ElmoReply.Terminator));
        LastStray = bytes;
    }

    // A reply whose echo names another command is a stray (a duplicate of, or a late reply to, an earlier command): it is
    // dropped and the awaited reply read on, within the same timeout. A reply with no command's echo (garbled), or no right
    // reply after a stray, is an echo mismatch naming both commands.
    private async Task<byte[]> SkipStrayRepliesAsync(string command, byte[] reply, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _wireTime.GetTimestamp();
        while (ElmoReply.Value(command, reply) is null)
        {
            var stray = reply;
            var echo = ElmoReply.Echo(stray);
            var left = timeout - _wireTime.GetElapsedTime(started);
            LineTimeoutException? none = null;
            if (echo is not null && left > TimeSpan.Zero)
            {
                Strays([.. stray, ElmoReply.Terminator]);
                try
                {
                    reply = await _line.ReadUntilAsync(ElmoReply.Terminator, left, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (LineTimeoutException e) { none = e; }
            }
            _line.Reset();
            throw new ElmoException(Axis.Name, Address, command, stray,
                $"the reply does not start with the echo of the command ('{command}\\r')" +
                (echo is null ? "" : $": it answers '{echo}' (a late or duplicated reply), and no reply to '{command}' followed within {timeout.TotalSeconds:0.###} s") +
                "; the line was reset, retry the operation", none);
        }
        return reply;
    }

    private ElmoException BadValue(string command, string expected, string value) =>
        new(Axis.Name, Address, command, LastReply, $"the reply value '{value}' is not {expected}");

    private AxisException Refused(string problem) => new(Axis.Name, $"axis {Axis.Name} ({Address}): {problem}");

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellationToken);
}
