using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>What the scripted responder does with one request.</summary>
internal sealed record Answer(string? Body = null, bool Drop = false, TimeSpan Delay = default, byte[]? Raw = null, string[]? Parts = null)
{
    /// <summary>The raw reply sent as several datagrams.</summary>
    public static Answer Split(params string[] parts) => new(Parts: parts);

    public static Answer Reply(string body) => new(body);

    public static Answer Dropped { get; } = new(Drop: true);

    public static Answer Late(string body, TimeSpan delay) => new(body, Delay: delay);

    public static Answer Bytes(string raw) => new(Raw: Encoding.Latin1.GetBytes(raw));
}

/// <summary>
/// A raw UDP responder on 127.0.0.1 (port 0) that answers Elmo-style from a small register table and test rules,
/// and records every datagram it receives. Motion is scripted, not modelled: a BG makes the next <see cref="MovePolls"/>
/// PX reads show motion, then the axis is at rest on its target. Like a drive at power-up, the motor starts off (MO=0).
/// </summary>
internal sealed class ScriptedElmo : IDisposable
{
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<(byte[] Bytes, int Port)> _received = [];
    private readonly List<Func<string, Dictionary<string, string>, Answer?>> _rules = [];
    private readonly Dictionary<string, string> _reg = new()
    {
        ["VR"] = "Gold Twitter 01.01.16.00 (script)", ["UM"] = "5", ["MO"] = "0", ["PX"] = "0", ["PA"] = "0", ["SP"] = "100000",
        ["AC"] = "1000000", ["DC"] = "1000000", ["EC"] = "0", ["IP"] = "0", ["JV"] = "0", ["OB[1]"] = "0",
        ["HM[1]"] = "0", ["HM[2]"] = "0", ["HM[3]"] = "0", ["HM[4]"] = "0", ["HM[5]"] = "0",
    };
    private readonly Task _loop;
    private readonly TimeProvider _time;
    private int _lateSent;
    private int _remaining;
    private bool _jogging;
    private bool _decelerating;
    private long _from, _to;

    /// <param name="time">The clock late replies wait on (a test's manual clock steps them exactly).</param>
    public ScriptedElmo(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Late replies (<see cref="Answer.Late"/>) sent so far.</summary>
    public int LateRepliesSent => Volatile.Read(ref _lateSent);

    /// <summary>PX reads during which a PTP or homing motion is shown as running.</summary>
    public int MovePolls { get; set; } = 3;

    /// <summary>The received commands, terminator removed, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get { lock (_lock) return _received.Select(r => Encoding.Latin1.GetString(r.Bytes).TrimEnd('\r')).ToList(); }
    }

    /// <summary>The received commands joined by spaces, for sequence assertions.</summary>
    public string Transcript => string.Join(" ", Commands);

    public IReadOnlyList<int> SourcePorts
    {
        get { lock (_lock) return _received.Select(r => r.Port).ToList(); }
    }

    public IReadOnlyList<byte[]> Datagrams
    {
        get { lock (_lock) return _received.Select(r => r.Bytes).ToList(); }
    }

    public void ClearLog()
    {
        lock (_lock) _received.Clear();
    }

    /// <summary>Adds a rule; the newest rule is asked first; null falls through to older rules and the table.</summary>
    public void When(Func<string, Answer?> rule) => When((c, _) => rule(c));

    /// <summary>A rule that may also read and change the register table.</summary>
    public void When(Func<string, Dictionary<string, string>, Answer?> rule)
    {
        lock (_lock) _rules.Insert(0, rule);
    }

    public void Set(string register, object value)
    {
        lock (_lock) _reg[register] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
    }

    public string Get(string register)
    {
        lock (_lock) return Value(register);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult r;
            try { r = await _udp.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            Answer answer;
            var command = Encoding.Latin1.GetString(r.Buffer).TrimEnd('\r');
            lock (_lock)
            {
                _received.Add((r.Buffer, r.RemoteEndPoint.Port));
                answer = _rules.Select(rule => rule(command, _reg)).FirstOrDefault(a => a is not null) ?? Table(command);
            }
            if (answer.Drop) continue;
            if (answer.Parts is { } parts)
            {
                foreach (var part in parts) await SendAsync(Encoding.Latin1.GetBytes(part), r.RemoteEndPoint);
                continue;
            }
            var bytes = answer.Raw ?? [.. r.Buffer, .. Encoding.Latin1.GetBytes(answer.Body ?? ""), (byte)';'];
            if (answer.Delay > TimeSpan.Zero) _ = SendLaterAsync(bytes, r.RemoteEndPoint, answer.Delay);
            else await SendAsync(bytes, r.RemoteEndPoint);
        }
    }

    private async Task SendLaterAsync(byte[] bytes, IPEndPoint to, TimeSpan delay)
    {
        try { await Task.Delay(delay, _time, _stop.Token); }
        catch (OperationCanceledException) { return; }
        await SendAsync(bytes, to);
        Interlocked.Increment(ref _lateSent);
    }

    private async Task SendAsync(byte[] bytes, IPEndPoint to)
    {
        try { await _udp.SendAsync(bytes, to, _stop.Token); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
    }

    private static Answer Error(Dictionary<string, string> reg, int code)
    {
        reg["EC"] = code.ToString(CultureInfo.InvariantCulture);
        return Answer.Reply("?");
    }

    // The register table; called under the lock.
    private Answer Table(string command)
    {
        var eq = command.IndexOf('=');
        if (eq >= 0) return Assign(command[..eq], command[(eq + 1)..]);
        switch (command)
        {
            case "BG": return Begin();
            case "ST":
                _remaining = 0;
                _jogging = false;
                return Answer.Reply("");
            case "SR": return Answer.Reply(_reg.TryGetValue("SR", out var sr) ? sr : ((Motor ? 16 : 0) | (Moving ? 128 : 0)).ToString(CultureInfo.InvariantCulture));
            case "MS" when _decelerating:
                _decelerating = false;
                return Answer.Reply("2");
            case "MS": return Answer.Reply(_reg.TryGetValue("MS", out var ms) ? ms : !Motor ? "1" : Moving ? "2" : "0");
            case "PX": return Answer.Reply(ReadPx());
        }
        return _reg.TryGetValue(command, out var value) ? Answer.Reply(value) : Error(_reg, 2);
    }

    private Answer Assign(string name, string value)
    {
        if (name is "SR" or "MS" or "IP" or "VR" or "EC") return Error(_reg, 23);
        if (!_reg.ContainsKey(name) && name is not ("PX" or "PA")) return Error(_reg, 2);
        if (name == "UM" && Motor) return Error(_reg, 57);
        if (name == "PA" && !Motor) return Error(_reg, 58);
        var resolved = _reg.TryGetValue(value, out var v) ? v : value;
        _reg[name] = resolved;
        if (name == "MO" && resolved != "1") { _remaining = 0; _jogging = false; }
        if (name == "PA") _reg["JV"] = "0";
        return Answer.Reply("");
    }

    private Answer Begin()
    {
        if (!Motor) return Error(_reg, 58);
        var jv = long.Parse(_reg["JV"], CultureInfo.InvariantCulture);
        _from = long.Parse(_reg["PX"], CultureInfo.InvariantCulture);
        if (_reg["HM[1]"] == "1")
        {
            _to = long.Parse(_reg["HM[2]"], CultureInfo.InvariantCulture);
            _reg["HM[1]"] = "0";
            _remaining = MovePolls;
        }
        else if (jv != 0)
        {
            _jogging = true;
            _remaining = int.MaxValue;
        }
        else if (_jogging)
        {
            // JV=0 + BG: the jog decelerates; MS shows 2 once more.
            _jogging = false;
            _remaining = 0;
            _decelerating = true;
        }
        else
        {
            _to = long.Parse(_reg["PA"], CultureInfo.InvariantCulture);
            _remaining = MovePolls;
        }
        return Answer.Reply("");
    }

    private string ReadPx()
    {
        if (_jogging)
        {
            var px = long.Parse(_reg["PX"], CultureInfo.InvariantCulture) + Math.Sign(long.Parse(_reg["JV"], CultureInfo.InvariantCulture)) * 100;
            _reg["PX"] = px.ToString(CultureInfo.InvariantCulture);
        }
        else if (_remaining > 0)
        {
            _remaining--;
            var done = (double)(MovePolls - _remaining) / (MovePolls + 1);
            _reg["PX"] = ((long)(_from + (_to - _from) * done)).ToString(CultureInfo.InvariantCulture);
            if (_remaining == 0) _reg["PX"] = _to.ToString(CultureInfo.InvariantCulture);
        }
        return _reg["PX"];
    }

    private bool Motor => Value("MO") == "1";

    private bool Moving => _jogging || _remaining > 0;

    private string Value(string register) => _reg.TryGetValue(register, out var v) ? v : "";
}
