namespace Testbed.Fuzzing.Engine;

/// <summary>One parser under fuzz: a corpus of valid inputs to mutate, and one call that feeds it an input.</summary>
/// <remarks>
/// <see cref="Run"/> returns normally for accepted and refused input alike: each target catches the parser's documented
/// "bad input" result (an error reply, a typed exception) itself and says so in its summary. Any exception that escapes
/// is a crash. A target may also throw <see cref="FuzzInvariantException"/> when an answer breaks the protocol
/// (e.g. an Elmo reply that does not end in ';'). Each input starts from fresh parser state, so one input replays alone.
/// </remarks>
public abstract class FuzzTarget : IDisposable
{
    /// <summary>Valid inputs (transcripts from the specs and tests) that mutations start from.</summary>
    public abstract IReadOnlyList<byte[]> Corpus { get; }

    /// <summary>Words of the protocol that mutations insert (mnemonics, keys, separators).</summary>
    public virtual IReadOnlyList<byte[]> Tokens => [];

    /// <summary>The longest input generated for this target.</summary>
    public virtual int MaxInputLength => 64 * 1024;

    /// <summary>Feeds one input to the parser; throws only when the parser failed in an undocumented way.</summary>
    public abstract void Run(byte[] input);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }

    /// <summary>UTF-8 bytes of each text, for corpora and tokens written as strings.</summary>
    protected static byte[][] Bytes(params string[] texts) => [.. texts.Select(System.Text.Encoding.UTF8.GetBytes)];
}

/// <summary>An answer that breaks the protocol the target speaks, though nothing threw.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);

/// <summary>A fuzz target in the command's table: its name, what it feeds, what counts as bad-input handling, and how to make it.</summary>
public sealed record FuzzTargetInfo(string Name, string Description, Func<FuzzTarget> Create);
