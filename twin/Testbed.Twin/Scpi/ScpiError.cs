namespace Testbed.Twin.Scpi;

/// <summary>A standard SCPI error (code and message), as <c>SYST:ERR?</c> reports it.</summary>
public readonly record struct ScpiError(int Code, string Message)
{
    public static readonly ScpiError None = new(0, "No error");
    public static readonly ScpiError CommandError = new(-100, "Command error");
    public static readonly ScpiError InvalidCharacter = new(-101, "Invalid character");
    public static readonly ScpiError SyntaxError = new(-102, "Syntax error");
    public static readonly ScpiError DataTypeError = new(-104, "Data type error");
    public static readonly ScpiError ParameterNotAllowed = new(-108, "Parameter not allowed");
    public static readonly ScpiError MissingParameter = new(-109, "Missing parameter");
    public static readonly ScpiError HeaderSuffixOutOfRange = new(-114, "Header suffix out of range");
    public static readonly ScpiError UndefinedHeader = new(-113, "Undefined header");
    public static readonly ScpiError SettingsConflict = new(-221, "Settings conflict");
    public static readonly ScpiError DataOutOfRange = new(-222, "Parameter data out of range");
    public static readonly ScpiError IllegalParameterValue = new(-224, "Illegal parameter value");
    public static readonly ScpiError QueueOverflow = new(-350, "Queue overflow");
    public static readonly ScpiError QueryInterrupted = new(-410, "Query INTERRUPTED");
    public static readonly ScpiError QueryUnterminated = new(-420, "Query UNTERMINATED");

    /// <summary>The <c>SYST:ERR?</c> form: <c>code,"message"</c>.</summary>
    public override string ToString() => $"{Code},\"{Message}\"";
}

/// <summary>Thrown by a command handler to reject a command; the adapter queues the error and sends no reply.</summary>
public sealed class ScpiException(ScpiError error) : Exception(error.ToString())
{
    public ScpiError Error { get; } = error;
}
