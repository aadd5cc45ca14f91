using System.Text;
using Testbed.Beamline;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Comm;

namespace Testbed.Drivers.Keithley;

/// <summary>A Keithley 6485/6487 picoammeter read as a counter over a serial line (tty, <c>tcp://</c>, <c>rfc2217://</c>).</summary>
/// <remarks>
/// Initialisation sends BLISS's sequence (<c>FORM:ELEM READ</c>, <c>CALC3:FORM MEAN</c>, <c>TRAC:FEED SENS</c>,
/// <c>*RST</c> + <c>*OPC?</c>, display/auto-zero, <c>*OPC?</c>, then the sensor settings) and then checks
/// <c>SYST:ERR?</c>. Before every command stale input is discarded, so garbage left by line noise never
/// becomes the next reply. A failed line is closed and reopened on the next call.
/// </remarks>
public sealed class KeithleyCounter : ICounter
{
    private readonly KeithleyCounterSettings _settings;
    private readonly Func<ISerialLine> _lineFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _eol;
    private ISerialLine? _line;
    private byte[]? _lastBytes;
    private bool _initialized;

    /// <param name="settings">The counter's settings.</param>
    /// <param name="lineFactory">Opens the line (default: from the settings' url).</param>
    /// <param name="time">The clock reply timeouts are measured on (default: the system clock).</param>
    public KeithleyCounter(KeithleyCounterSettings settings, Func<ISerialLine>? lineFactory = null, TimeProvider? time = null)
    {
        _settings = settings;
        _lineFactory = lineFactory ?? (() => SerialLines.Create(settings.Url, settings.Line, time));
        _eol = Encoding.ASCII.GetBytes(settings.Eol);
        Model = settings.Model;
    }

    /// <summary>A counter from a beamline-file entry (<c>class: keithley</c>).</summary>
    public static KeithleyCounter FromConfig(ControllerConfig controller) => new(KeithleyCounterSettings.From(controller));

    public string Name => _settings.SensorName;

    public string Controller => _settings.ControllerName;

    public string Unit => "A";

    public string Address => _settings.Url;

    /// <summary>6485 or 6487: from the beamline file, or from <c>*IDN?</c> once initialised.</summary>
    public int? Model { get; private set; }

    private string Device => $"keithley '{_settings.ControllerName}'";

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { await EnsureInitializedAsync(cancellationToken); }
        finally { _gate.Release(); }
    }

    public async Task<CounterReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureInitializedAsync(cancellationToken);
            var reply = await TransactAsync("READ?", cancellationToken);
            var reading = KeithleyReply.Reading(reply) ?? throw Fail("READ?", $"the reply '{reply}' does not start with a number",
                "garbage on the line (noise or a wrong baud rate); the next read discards it and tries again");
            return reading.IsValid ? reading : Flagged(reading, reply);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends a query and returns its reply line (for <c>SYST:ERR?</c>, <c>*IDN?</c> and the like).</summary>
    public async Task<string> QueryAsync(string command, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureOpenAsync(cancellationToken);
            return await TransactAsync(command, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends a command that has no reply.</summary>
    public async Task WriteAsync(string command, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureOpenAsync(cancellationToken);
            await SendAsync(command, cancellationToken);
        }
        finally { _gate.Release(); }
    }

    /// <summary>6487: the source range, 10, 50 or 500 V (the two high ones need the interlock closed).</summary>
    public Task SetSourceRangeAsync(double volts, CancellationToken cancellationToken = default) =>
        SourceCommandAsync($"SOUR1:VOLT:RANG {KeithleyReply.Number(volts)}", cancellationToken);

    public Task SetSourceLevelAsync(double volts, CancellationToken cancellationToken = default) =>
        SourceCommandAsync($"SOUR1:VOLT {KeithleyReply.Number(volts)}", cancellationToken);

    /// <summary>Sends <c>1</c>/<c>0</c>: the instrument rejects Python-style <c>True</c>.</summary>
    public Task SetSourceEnabledAsync(bool on, CancellationToken cancellationToken = default) =>
        SourceCommandAsync($"SOUR1:VOLT:STAT {(on ? 1 : 0)}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_line is not null) await _line.DisposeAsync();
        _line = null;
        _gate.Dispose();
    }

    private async Task SourceCommandAsync(string command, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await EnsureInitializedAsync(ct);
            if (Model != 6487) throw Fail(command, $"model {Model} has no voltage source", "use a 6487 (model: 6487 in the beamline file)");
            await SendAsync(command, ct);
            var error = await TransactAsync("SYST:ERR?", ct);
            if (KeithleyReply.Error(error) is { Code: not 0 } e)
                throw Fail(command, $"the instrument rejected it with {e.Code},\"{e.Message}\"", "check range, level and the interlock (50 V and 500 V need it closed)");
        }
        finally { _gate.Release(); }
    }

    private async Task EnsureInitializedAsync(CancellationToken ct)
    {
        await EnsureOpenAsync(ct);
        if (_initialized) return;
        if (Model is null)
        {
            var idn = await TransactAsync("*IDN?", ct);
            var fields = idn.Split(',');
            var word = fields.Length >= 2 ? fields[1].Trim().Split(' ')[^1] : "";
            Model = word switch
            {
                "6485" => 6485,
                "6487" => 6487,
                _ => throw Fail("*IDN?", $"'{idn}' is not a Keithley 6485 or 6487", "check the serial url; or set model: in the beamline file"),
            };
        }
        await SendAsync("FORM:ELEM READ", ct);
        await SendAsync("CALC3:FORM MEAN", ct);
        await SendAsync("TRAC:FEED SENS", ct);
        await ExpectAsync("*RST\n*OPC?", "1", ct);
        await SendAsync($"DISP:ENAB {OnOff(_settings.DisplayEnable)}", ct);
        await SendAsync($"SYST:AZER {OnOff(_settings.AutoZero)}", ct);
        await ExpectAsync("*OPC?", "1", ct);
        await SendAsync($"SYST:ZCH {OnOff(_settings.ZeroCheck)}", ct);
        await SendAsync($"SYST:ZCOR {OnOff(_settings.ZeroCorrect)}", ct);
        await SendAsync($"SENS1:CURR:NPLC {KeithleyReply.Number(_settings.Nplc)}", ct);
        if (_settings.Range is { } range)
        {
            await SendAsync("SENS1:CURR:RANG:AUTO OFF", ct);
            await SendAsync($"SENS1:CURR:RANGe:UPPer {KeithleyReply.Number(range)}", ct);
        }
        else await SendAsync($"SENS1:CURR:RANG:AUTO {OnOff(_settings.AutoRange)}", ct);
        var error = await TransactAsync("SYST:ERR?", ct);
        if (KeithleyReply.Error(error) is not { } e)
            throw Fail("SYST:ERR?", $"the reply '{error}' is not code,\"message\"", "check the line settings (baud rate, terminator)");
        if (e.Code != 0)
            throw Fail("SYST:ERR?", $"the instrument rejected the set-up with {e.Code},\"{e.Message}\"", "check nplc and range in the beamline file");
        _initialized = true;
    }

    private async Task EnsureOpenAsync(CancellationToken ct)
    {
        if (_line is { IsOpen: true }) return;
        if (_line is not null) await _line.DisposeAsync();
        _line = _lineFactory();
        try { await _line.OpenAsync(ct); }
        catch (SerialLineException e)
        {
            await _line.DisposeAsync();
            _line = null;
            throw Fail(null, $"cannot open the line: {e.Message}", "check that the device (or twin) is running and the url is right", e);
        }
    }

    private async Task ExpectAsync(string command, string expected, CancellationToken ct)
    {
        var reply = await TransactAsync(command, ct);
        if (reply != expected) throw Fail(command, $"expected '{expected}', got '{reply}'", "check that this is a Keithley 6485/6487 and the line settings");
    }

    // Returns the line's received count once stale input is dropped: what arrives after it answers this command.
    private async Task<long> SendAsync(string command, CancellationToken ct)
    {
        var line = _line!;
        try
        {
            await line.DiscardInputAsync(ct);
            var before = line.ReceivedCount;
            await line.WriteAsync(Encoding.ASCII.GetBytes(command.Replace("\n", _settings.Eol, StringComparison.Ordinal) + _settings.Eol), ct);
            return before;
        }
        catch (SerialLineException e)
        {
            await DropLineAsync();
            throw Fail(command, $"the line failed: {e.Message}", "the driver reopens the line on the next call; check that the device is still there", e);
        }
    }

    private async Task<string> TransactAsync(string command, CancellationToken ct)
    {
        var before = await SendAsync(command, ct);
        var line = _line!;
        try
        {
            var bytes = await line.ReadLineAsync(_eol, _settings.Timeout, ct);
            return Encoding.Latin1.GetString(bytes).Trim('\r', '\n');
        }
        catch (SerialLineTimeoutException e)
        {
            // Bytes from before the command (earlier replies) are not its reply: say that nothing came, and show them as earlier.
            var seen = line.ReceivedCount == before
                ? $"none since the command was sent{(Escape(line.RecentBytes) is { } earlier ? $" (before it: {earlier})" : "")}"
                : Escape(line.RecentBytes);
            // A command the instrument refuses gets no reply, only an entry in its error queue: read it, so the report says why.
            var queued = IsErrorQuery(command) ? null : await ErrorQueueAsync(ct);
            if (queued is { Code: not 0 } refused)
                throw new DeviceException(Device, Address, Shown(command), $"{e.Message}; the instrument refused it: SYST:ERR? reads {refused.Code},\"{refused.Message}\"", seen,
                    "the instrument queues an error and sends no reply to a command it cannot execute now; check its state (range, trigger, interlock, a fault), *CLS clears the queue", e);
            // An answer to SYST:ERR? with no error says the instrument is there and did not reject the command: worth knowing.
            var alive = queued is not null ? "; SYST:ERR? then read 0 (no error queued)" : "";
            throw new DeviceException(Device, Address, Shown(command), e.Message + alive, seen,
                "check the line settings (38400 8N1, LF), that the instrument is on, and SYST:ERR? for a rejected command", e);
        }
        catch (SerialLineException e)
        {
            await DropLineAsync();
            throw Fail(command, $"the line failed: {e.Message}", "the driver reopens the line on the next call; check that the device is still there", e);
        }
    }

    // The oldest entry of the error queue, or null when that query fails too (a dead or noisy line: the first report stands).
    private async Task<(int Code, string Message)?> ErrorQueueAsync(CancellationToken ct)
    {
        try
        {
            var line = _line!;
            await line.DiscardInputAsync(ct);
            await line.WriteAsync(Encoding.ASCII.GetBytes("SYST:ERR?" + _settings.Eol), ct);
            return KeithleyReply.Error(Encoding.Latin1.GetString(await line.ReadLineAsync(_eol, _settings.Timeout, ct)).Trim('\r', '\n'));
        }
        catch (SerialLineException) { return null; }
    }

    private static bool IsErrorQuery(string command) => command.StartsWith("SYST:ERR", StringComparison.OrdinalIgnoreCase);

    // An overflow or NAN code is no current: the scan stack gets NaN, and a line for its log saying what came and from where.
    private CounterReading Flagged(CounterReading reading, string reply)
    {
        var what = reading.Status == CounterStatus.Overflow
            ? $"the reading {reply.Split(',')[0].Trim()} is the instrument's overflow value (the input is beyond the range, or an overvoltage)"
            : $"the reading {reply.Split(',')[0].Trim()} is the instrument's NAN value (no valid reading)";
        var advice = reading.Status == CounterStatus.Overflow
            ? "the reading is passed on as NaN; select a higher range, or auto range (range: / auto_range: in the beamline file)"
            : "the reading is passed on as NaN";
        return reading with { Value = double.NaN, Problem = Fail("READ?", what, advice).Message };
    }

    private static string Shown(string command) => command.Replace("\n", "\\n", StringComparison.Ordinal);

    private async Task DropLineAsync()
    {
        _lastBytes = _line?.RecentBytes;
        if (_line is not null) await _line.DisposeAsync();
        _line = null;
    }

    private DeviceException Fail(string? command, string problem, string advice, Exception? inner = null) =>
        new(Device, Address, command?.Replace("\n", "\\n", StringComparison.Ordinal), problem, Escape(_line?.RecentBytes ?? _lastBytes), advice, inner);

    private static string? Escape(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0) return null;
        var sb = new StringBuilder("\"");
        foreach (var b in bytes)
            sb.Append(b switch { (byte)'\n' => "\\n", (byte)'\r' => "\\r", >= 0x20 and < 0x7F => ((char)b).ToString(), _ => $"\\x{b:X2}" });
        return sb.Append('"').ToString();
    }

    private static string OnOff(bool on) => on ? "ON" : "OFF";
}
