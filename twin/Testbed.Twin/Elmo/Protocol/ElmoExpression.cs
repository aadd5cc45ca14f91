using System.Globalization;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>Evaluates a right-hand side: signed numbers, float literals, register references (<c>PX</c>, <c>DV[3]</c>), + − × ÷ and parentheses.</summary>
internal ref struct ElmoExpression
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly ElmoDrive _drive;
    private int _pos;
    private ElmoError _error;

    private ElmoExpression(ReadOnlySpan<byte> text, ElmoDrive drive)
    {
        _text = text;
        _drive = drive;
    }

    public static ElmoError TryEvaluate(ReadOnlySpan<byte> text, ElmoDrive drive, out double value)
    {
        var parser = new ElmoExpression(text, drive);
        value = parser.Sum();
        parser.SkipSpaces();
        if (parser._error == ElmoError.None && parser._pos < text.Length)
            parser._error = text[parser._pos] == ')' ? ElmoError.ParenthesesMismatch : ElmoError.SyntaxError;
        if (parser._error == ElmoError.None && !double.IsFinite(value)) parser._error = ElmoError.NumericOverflow;
        return parser._error;
    }

    private double Sum()
    {
        var value = Product();
        while (_error == ElmoError.None)
        {
            SkipSpaces();
            if (_pos >= _text.Length || _text[_pos] is not ((byte)'+' or (byte)'-')) break;
            var op = _text[_pos++];
            var right = Product();
            value = op == '+' ? value + right : value - right;
        }
        return value;
    }

    private double Product()
    {
        var value = Unary();
        while (_error == ElmoError.None)
        {
            SkipSpaces();
            if (_pos >= _text.Length || _text[_pos] is not ((byte)'*' or (byte)'/')) break;
            var op = _text[_pos++];
            var right = Unary();
            if (op == '*') value *= right;
            else if (right == 0) return Fail(ElmoError.ZeroDivision);
            else value /= right;
        }
        return value;
    }

    private double Unary()
    {
        SkipSpaces();
        if (_pos >= _text.Length) return Fail(ElmoError.NothingInExpression);
        var c = _text[_pos];
        if (c == '-') { _pos++; return -Unary(); }
        if (c == '+') { _pos++; return Unary(); }
        if (c == '(')
        {
            _pos++;
            var inner = Sum();
            SkipSpaces();
            if (_error != ElmoError.None) return 0;
            if (_pos >= _text.Length || _text[_pos] != ')') return Fail(ElmoError.ParenthesesMismatch);
            _pos++;
            return inner;
        }
        if (char.IsAsciiDigit((char)c) || c == '.') return Number();
        if (char.IsAsciiLetter((char)c)) return Reference();
        return Fail(ElmoError.SyntaxError);
    }

    private double Number()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit((char)_text[_pos]) || _text[_pos] == '.')) _pos++;
        if (_pos < _text.Length && _text[_pos] is (byte)'e' or (byte)'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is (byte)'+' or (byte)'-') _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit((char)_text[_pos])) _pos++;
        }
        var literal = _text[start.._pos];
        if (literal.Length > _drive.Settings.MaxNumberLength) return Fail(ElmoError.TooLongNumber);
        return double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fail(ElmoError.BadlyFormattedNumber);
    }

    private double Reference()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiLetter((char)_text[_pos])) _pos++;
        if (_pos - start != 2) return Fail(ElmoError.BadCommand);
        var command = ElmoStatement.Lookup(_text[start], _text[start + 1], _drive.Settings);
        if (command is null) return Fail(ElmoError.BadCommand);
        if (command.IsAction) return Fail(ElmoError.ExecutableInExpression);
        var indexError = ElmoStatement.ParseIndex(_text, ref _pos, out var index, out var hasIndex);
        if (indexError == ElmoError.None) indexError = ElmoStatement.CheckIndex(command, hasIndex, index);
        if (indexError != ElmoError.None) return Fail(indexError);
        var result = command.Query(_drive, index);
        if (result.Error != ElmoError.None) return Fail(result.Error);
        return result.Text is null ? result.Number : Fail(ElmoError.BadOperandType);
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] is (byte)' ' or (byte)'\t') _pos++;
    }

    private double Fail(ElmoError error)
    {
        if (_error == ElmoError.None) _error = error;
        _pos = _text.Length;
        return 0;
    }
}
