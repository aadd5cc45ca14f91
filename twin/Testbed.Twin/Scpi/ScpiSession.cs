using System.Text;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Keithley.Protocol;

/// <summary>The SCPI adapter of one connection: assembles lines, executes them on the shared instrument, and queues replies until they are due.</summary>
/// <remarks>
/// CR and LF both end a line (so CRLF and LFCR work); <c>^C</c>/<c>^X</c> drop the partial line and pending replies.
/// A line that arrives while a reply is still being produced (a conversion in progress) interrupts it: the reply is
/// dropped and −410 queued. Errors never escape: they go to the error queue and the query gets no reply.
/// </remarks>
public sealed class KeithleyScpiSession(KeithleyInstrument instrument) : ISerialSession
{
    private const int MaxLine = 4096;
    private readonly List<byte> _line = new(64);
    private readonly List<(DateTimeOffset Due, byte[] Bytes)> _pending = [];
    private bool _lineTooLong;

    private KeithleyPicoammeter Model => instrument.Model;

    private ScpiContext Context => instrument.Context;

    public void Receive(ReadOnlySpan<byte> data)
    {
        lock (Model.Gate)
        {
            foreach (var b in data)
            {
                switch (b)
                {
                    case 0x03 or 0x18:
                        Abort();
                        break;
                    case (byte)'\r' or (byte)'\n':
                        EndLine();
                        break;
                    default:
                        if (_line.Count < MaxLine) _line.Add(b);
                        else _lineTooLong = true;
                        break;
                }
            }
        }
    }

    public byte[] TakeReady(out TimeSpan? nextDue)
    {
        lock (Model.Gate)
        {
            var now = Model.Clock.GetUtcNow();
            var ready = 0;
            while (ready < _pending.Count && _pending[ready].Due <= now) ready++;
            nextDue = ready < _pending.Count ? _pending[ready].Due - now : null;
            if (ready == 0) return [];
            var bytes = _pending.Take(ready).SelectMany(p => p.Bytes).ToArray();
            _pending.RemoveRange(0, ready);
            return bytes;
        }
    }

    public void PurgeInput()
    {
        lock (Model.Gate)
        {
            _line.Clear();
            _lineTooLong = false;
        }
    }

    public void PurgeOutput()
    {
        lock (Model.Gate) _pending.Clear();
    }

    /// <summary>Executes one line (without terminator) as if it had just been received.</summary>
    public void ExecuteLine(string line)
    {
        lock (Model.Gate) Execute(line);
    }

    private void Abort()
    {
        _line.Clear();
        _lineTooLong = false;
        _pending.Clear();
        Context.Cursor = Model.Clock.GetUtcNow();
    }

    private void EndLine()
    {
        if (_line.Count == 0 && !_lineTooLong) return;
        var text = Encoding.Latin1.GetString(_line.ToArray());
        var tooLong = _lineTooLong;
        _line.Clear();
        _lineTooLong = false;
        if (tooLong)
        {
            Context.Report(new ScpiError(-223, "Too much data"));
            return;
        }
        Execute(text);
    }

    private void Execute(string line)
    {
        var now = Model.Clock.GetUtcNow();
        if (_pending.Count > 0 && _pending[^1].Due > now)
        {
            _pending.RemoveAll(p => p.Due > now);
            Context.Report(ScpiError.QueryInterrupted);
            Context.Cursor = now;
        }
        if (Context.Cursor < now) Context.Cursor = now;
        IReadOnlyList<HeaderToken> path = [];
        foreach (var raw in ScpiLineParser.Split(line, ';'))
        {
            var unit = raw.Trim(' ', '\t');
            if (unit.Length == 0) continue;
            try
            {
                if (ExecuteUnit(unit, ref path) is { } reply)
                    _pending.Add((Context.Cursor, Encoding.Latin1.GetBytes(reply + instrument.OutputTerminator)));
            }
            catch (ScpiException e)
            {
                Context.Report(e.Error);
            }
        }
    }

    private string? ExecuteUnit(string unit, ref IReadOnlyList<HeaderToken> path)
    {
        if (!ScpiLineParser.IsPrintable(unit)) throw new ScpiException(ScpiError.InvalidCharacter);
        var (header, parameterText) = ScpiLineParser.SplitUnit(unit);
        var isQuery = header.EndsWith('?');
        var name = isQuery ? header[..^1] : header;
        if (name.Contains('?') || name.Length == 0) throw new ScpiException(ScpiError.SyntaxError);
        var arguments = ParseArguments(parameterText);
        ScpiCommand command;
        if (name.StartsWith('*'))
        {
            if (name.Length == 1 || !name.Skip(1).All(char.IsAsciiLetter)) throw new ScpiException(ScpiError.SyntaxError);
            command = instrument.Commands.FindCommon(name) ?? throw new ScpiException(ScpiError.UndefinedHeader);
        }
        else
        {
            var rooted = name.StartsWith(':');
            var nodes = (rooted ? name[1..] : name).Split(':');
            var tokens = new List<HeaderToken>(nodes.Length);
            foreach (var node in nodes)
            {
                if (node.Length == 0) throw new ScpiException(ScpiError.SyntaxError);
                tokens.Add(HeaderToken.Parse(node) ?? throw new ScpiException(ScpiError.UndefinedHeader));
            }
            command = instrument.Commands.Find(tokens, path, rooted) ?? throw new ScpiException(ScpiError.UndefinedHeader);
            var resolved = !rooted && path.Count > 0 && instrument.Commands.Find([.. path, .. tokens], [], true) == command
                ? [.. path, .. tokens] : tokens;
            path = resolved.Take(resolved.Count - 1).ToList();
        }
        if (isQuery)
        {
            var query = command.Query ?? throw new ScpiException(ScpiError.UndefinedHeader);
            return query(Context, arguments);
        }
        var set = command.Set ?? throw new ScpiException(ScpiError.UndefinedHeader);
        set(Context, arguments);
        return null;
    }

    private static ScpiArguments ParseArguments(string text)
    {
        if (text.Length == 0) return ScpiArguments.Empty;
        var parts = ScpiLineParser.Split(text, ',').Select(p => p.Trim(' ', '\t')).ToList();
        if (parts.Any(p => p.Length == 0)) throw new ScpiException(ScpiError.SyntaxError);
        return new ScpiArguments(parts);
    }
}
