using System.Text;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>Turns one request datagram into its reply bytes (spec §1.2-§1.6): per statement the echo as received (with its terminator), the body, then ';'.</summary>
/// <remarks>
/// Statements end at CR or ';'; LF bytes are dropped (neither run nor echoed); a trailing fragment without a terminator
/// is discarded unless <see cref="ElmoDriveSettings.ImplicitTerminatorAtEndOfDatagram"/>. A failed statement replies
/// '?' (optionally preceded by the code byte, Q1) and sets EC. The whole datagram runs under the drive's lock.
/// </remarks>
public sealed class ElmoInterpreter(ElmoDrive drive)
{
    private const byte Cr = 0x0D, Lf = 0x0A, Semicolon = 0x3B, Question = 0x3F;

    public ElmoDrive Drive => drive;

    /// <summary>Runs <paramref name="request"/> and returns the reply (empty = send nothing).</summary>
    public byte[] Execute(ReadOnlySpan<byte> request)
    {
        var buffer = new byte[drive.Settings.MaxReplyLength];
        return buffer[..Execute(request, buffer)];
    }

    /// <summary>Runs <paramref name="request"/>, writes the reply into <paramref name="reply"/> and returns its length (0 = send nothing).</summary>
    /// <remarks>When <paramref name="commandEnds"/> is given it receives the end offset of each statement's reply (for one datagram per command, Q12).</remarks>
    public int Execute(ReadOnlySpan<byte> request, Span<byte> reply, List<int>? commandEnds = null)
    {
        var settings = drive.Settings;
        if (request.Length > settings.MaxDatagramLength)
        {
            // Its echo could not fit a reply datagram: nothing runs and nothing is sent, EC tells why.
            drive.RecordError(ElmoError.BufferTooLarge);
            return 0;
        }
        var output = reply[..Math.Min(reply.Length, settings.MaxReplyLength)];
        var written = 0;
        lock (drive.Gate)
        {
            var start = 0;
            for (var i = 0; i < request.Length; i++)
            {
                if (request[i] is not (Cr or Semicolon)) continue;
                if (!Statement(request[start..i], request[i], output, ref written)) return written;
                commandEnds?.Add(written);
                start = i + 1;
            }
            var tail = request[start..];
            if (settings.ImplicitTerminatorAtEndOfDatagram && tail.IndexOfAnyExcept(Lf) >= 0 && Statement(tail, null, output, ref written))
                commandEnds?.Add(written);
        }
        return written;
    }

    private bool Statement(ReadOnlySpan<byte> raw, byte? terminator, Span<byte> output, ref int written)
    {
        var settings = drive.Settings;
        var length = raw.Length - raw.Count(Lf);
        var echo = drive.Parameters.Echo != 0;
        var reserve = Math.Max(24, settings.EffectiveVersionText.Length) + 3;
        if (written + (echo ? length + 1 : 0) + reserve > output.Length) return false;
        if (echo)
        {
            foreach (var b in raw)
                if (b != Lf) output[written++] = b;
            if (terminator is { } t) output[written++] = t;
        }
        StatementResult result;
        if (length > settings.MaxStatementLength) result = StatementResult.Fail(ElmoError.BufferTooLarge);
        else
        {
            Span<byte> text = length <= 512 ? stackalloc byte[length] : new byte[length];
            var n = 0;
            foreach (var b in raw)
                if (b != Lf) text[n++] = b;
            result = ElmoStatement.Run(text, drive);
        }
        if (result.Error != ElmoError.None)
        {
            drive.RecordError(result.Error);
            if (settings.ErrorReplyIncludesCodeByte) output[written++] = (byte)result.Error;
            output[written++] = Question;
        }
        else if (result.HasValue)
        {
            if (result.Value.Text is { } text) written += Encoding.ASCII.GetBytes(text, output[written..]);
            else
            {
                result.Value.Number.TryFormat(output[written..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
                written += digits;
            }
        }
        output[written++] = Semicolon;
        return true;
    }
}
