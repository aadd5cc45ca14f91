using System.Text;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Scpi;

/// <summary>The SCPI adapter of one connection: assembles lines, executes them on the shared instrument, and queues replies until they are due.</summary>
/// <remarks>
/// CR and LF both end a line (so CRLF and LFCR work); <c>^C</c>/<c>^X</c> drop the partial line and pending replies.
/// A line that arrives while a reply is still being produced (a conversion in progress) interrupts it: the reply is
/// dropped and −410 queued. Errors never escape: they go to the error queue and the query gets no reply.
/// Every session of an instrument shares its context (state, error queue) and holds <see cref="ScpiContext.Gate"/>.
/// </remarks>
public class ScpiSession<TContext> : ISerialSession where TContext : ScpiContext
{
    private const int MaxLine = 4096;
    private readonly List<byte> _line = new(64);
    private readonly List<(DateTimeOffset Due, byte[] Bytes)> _pending = [];
    private readonly ScpiDispatcher<TContext> _dispatcher;
    private readonly Action<string> _addReply;
    private readonly string _outputTerminator;
    private bool _lineTooLong;

    /// <param name="commands">The instrument's command table.</param>
    /// <param name="context">The instrument's shared state.</param>
    /// <param name="outputTerminator">What ends every reply line.</param>
    public ScpiSession(ScpiCommandTable<TContext> commands, TContext context, string outputTerminator)
    {
        _dispatcher = new ScpiDispatcher<TContext>(commands, context);
        _outputTerminator = outputTerminator;
        _addReply = AddReply;
        Context = context;
    }

    private TContext Context { get; }

    private object Gate => Context.Gate;

    private TimeProvider Clock => Context.Clock;

    public void Receive(ReadOnlySpan<byte> data)
    {
        lock (Gate)
        {
            foreach (var b in data)
            {
                switch (b)
                {
                    case 0x03 or 0x18:
                        Abort(b);
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
        lock (Gate)
        {
            var now = Clock.GetUtcNow();
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
        lock (Gate)
        {
            _line.Clear();
            _lineTooLong = false;
        }
    }

    public void PurgeOutput()
    {
        lock (Gate) _pending.Clear();
    }

    /// <summary>Executes one line (without terminator) as if it had just been received.</summary>
    public void ExecuteLine(string line)
    {
        lock (Gate) Execute(line);
    }

    private void Abort(byte control)
    {
        Context.Transcript.Record([control], default, Metrics.WireOutcome.NoReply, "partial line and pending replies dropped");
        _line.Clear();
        _lineTooLong = false;
        _pending.Clear();
        Context.Cursor = Clock.GetUtcNow();
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
            Context.Transcript.Record(text, null, Metrics.WireOutcome.NoReply, $"line longer than {MaxLine} bytes: error -223 queued");
            return;
        }
        Execute(text);
    }

    private void Execute(string line)
    {
        var now = Clock.GetUtcNow();
        if (_pending.Count > 0 && _pending[^1].Due > now)
        {
            _pending.RemoveAll(p => p.Due > now);
            Context.Report(ScpiError.QueryInterrupted);
            Context.Cursor = now;
        }
        if (Context.Cursor < now) Context.Cursor = now;
        var started = Context.Metrics.Start();
        var errors = Context.ErrorsReported;
        var replies = _pending.Count;
        Context.RefusedBy = null;
        _dispatcher.Execute(line, _addReply);
        Context.Metrics.Record(started, error: Context.ErrorsReported != errors);
        RecordExchange(line, replies, now, Context.ErrorsReported - errors);
    }

    // The line and the replies it queued (as they will leave, before line noise); a reply due later (a conversion) says when.
    private void RecordExchange(string line, int firstReply, DateTimeOffset now, long errors)
    {
        var count = _pending.Count - firstReply;
        var reply = count switch
        {
            0 => null,
            1 => Encoding.Latin1.GetString(_pending[firstReply].Bytes),
            _ => string.Concat(_pending.Skip(firstReply).Select(p => Encoding.Latin1.GetString(p.Bytes))),
        };
        var due = count > 0 ? _pending[^1].Due - now : TimeSpan.Zero;
        string? note = null;
        if (errors > 0) note = Context.Errors.Peek() is { Count: > 0 } queue ? $"error {queue[^1].Code} queued" : "an error was queued";
        if (errors > 0 && Context.RefusedBy is { } fault) note += $" (refused by fault '{fault}')";
        if (due > TimeSpan.Zero)
        {
            var after = $"due after {due.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s";
            note = note is null ? after : $"{note}; {after}";
        }
        Context.Transcript.Record(line, reply, reply is null ? Metrics.WireOutcome.NoReply : Metrics.WireOutcome.Answered, note, now);
    }

    private void AddReply(string reply) => _pending.Add((Context.Cursor, Encoding.Latin1.GetBytes(reply + _outputTerminator)));
}
