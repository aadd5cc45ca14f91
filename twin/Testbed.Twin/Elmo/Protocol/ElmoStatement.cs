using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>The outcome of one statement: nothing to show (assignment, action, empty), a value, or an error.</summary>
internal readonly record struct StatementResult(ElmoError Error, bool HasValue, ElmoValue Value)
{
    public static readonly StatementResult Done = new(ElmoError.None, false, default);

    public static StatementResult Fail(ElmoError error) => new(error, false, default);

    public static StatementResult Of(ElmoValue value) =>
        value.Error != ElmoError.None ? Fail(value.Error) : new(ElmoError.None, true, value);
}

/// <summary>Parses and runs one statement (the bytes between terminators): <c>MN</c>, <c>MN[i]</c>, <c>MN=expr</c>, <c>MN[i]=expr</c>, or a bare expression.</summary>
internal static class ElmoStatement
{
    public static StatementResult Run(ReadOnlySpan<byte> text, ElmoDrive drive)
    {
        text = Trim(text);
        if (text.IsEmpty) return StatementResult.Done;
        var pos = 0;
        while (pos < text.Length && char.IsAsciiLetter((char)text[pos])) pos++;
        // Fewer than two letters (e.g. "A*=3", binary noise) is no mnemonic at all; more is an unknown one.
        if (pos < 2) return StatementResult.Fail(ElmoError.NoInterpreterMeaning);
        if (pos != 2) return StatementResult.Fail(ElmoError.BadCommand);
        var command = Lookup(text[0], text[1], drive.Settings);
        if (command is null) return StatementResult.Fail(ElmoError.BadCommand);
        var error = ParseIndex(text, ref pos, out var index, out var hasIndex);
        if (error != ElmoError.None) return StatementResult.Fail(error);
        while (pos < text.Length && text[pos] is (byte)' ' or (byte)'\t') pos++;
        if (pos == text.Length)
        {
            error = CheckIndex(command, hasIndex, index);
            if (error != ElmoError.None) return StatementResult.Fail(error);
            return command.IsAction ? StatementResult.Fail(command.Execute(drive)) : StatementResult.Of(command.Query(drive, index));
        }
        if (text[pos] == '=')
        {
            if (command.IsAction || command.IsReadOnly) return StatementResult.Fail(ElmoError.CannotBeAssigned);
            error = CheckIndex(command, hasIndex, index);
            if (error != ElmoError.None) return StatementResult.Fail(error);
            var rhs = Trim(text[(pos + 1)..]);
            if (rhs.IsEmpty) return StatementResult.Fail(ElmoError.EmptyAssign);
            error = ElmoExpression.TryEvaluate(rhs, drive, out var value);
            if (error != ElmoError.None) return StatementResult.Fail(error);
            // Float literals are truncated toward zero, as the drive stores integers.
            var truncated = Math.Truncate(value);
            if (!(Math.Abs(truncated) < 9e18)) return StatementResult.Fail(ElmoError.OperandOutOfRange);
            return StatementResult.Fail(command.Assign(drive, index, (long)truncated));
        }
        if (text[pos] is (byte)'+' or (byte)'-' or (byte)'*' or (byte)'/')
        {
            // A bare expression returns its value (manual §3.1 "free evaluation").
            error = ElmoExpression.TryEvaluate(text, drive, out var value);
            if (error != ElmoError.None) return StatementResult.Fail(error);
            var whole = Math.Truncate(value);
            if (!(Math.Abs(value) < 9e15)) return StatementResult.Fail(ElmoError.NumericOverflow);
            return whole == value
                ? StatementResult.Of((long)whole)
                : StatementResult.Of(ElmoValue.Of(value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return StatementResult.Fail(ElmoError.SyntaxError);
    }

    /// <summary>The command for two letters; lower case only when <see cref="ElmoDriveSettings.AcceptLowerCase"/>.</summary>
    public static ElmoCommand? Lookup(byte first, byte second, ElmoDriveSettings settings)
    {
        if (settings.AcceptLowerCase)
        {
            first = (byte)char.ToUpperInvariant((char)first);
            second = (byte)char.ToUpperInvariant((char)second);
        }
        return ElmoCommandTable.Find(first, second);
    }

    /// <summary>Parses an optional <c>[n]</c> at <paramref name="pos"/>.</summary>
    public static ElmoError ParseIndex(ReadOnlySpan<byte> text, ref int pos, out int index, out bool hasIndex)
    {
        index = 0;
        hasIndex = false;
        if (pos >= text.Length || text[pos] != '[') return ElmoError.None;
        var close = text[pos..].IndexOf((byte)']');
        if (close < 0) return ElmoError.SyntaxError;
        var digits = Trim(text.Slice(pos + 1, close - 1));
        if (digits.IsEmpty) return ElmoError.SyntaxError;
        long value = 0;
        foreach (var d in digits)
        {
            if (!char.IsAsciiDigit((char)d)) return ElmoError.SyntaxError;
            value = Math.Min(value * 10 + (d - '0'), int.MaxValue);
        }
        index = (int)value;
        hasIndex = true;
        pos += close + 1;
        return ElmoError.None;
    }

    public static ElmoError CheckIndex(ElmoCommand command, bool hasIndex, int index)
    {
        if (command.IsArray && !hasIndex) return ElmoError.ArrayIndexExpected;
        if (hasIndex && (!command.IsArray || index < command.FirstIndex || index > command.LastIndex)) return ElmoError.BadIndex;
        return ElmoError.None;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        int a = 0, b = text.Length;
        while (a < b && text[a] is (byte)' ' or (byte)'\t') a++;
        while (b > a && text[b - 1] is (byte)' ' or (byte)'\t') b--;
        return text[a..b];
    }
}
