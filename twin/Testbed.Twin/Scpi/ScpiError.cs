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

    // SCPI 1999 volume 2, chapter 21: the standard texts of the codes a fault may inject (the -2xx execution errors and their kin).
    private static readonly Dictionary<int, string> StandardMessages = new()
    {
        [-100] = "Command error", [-200] = "Execution error", [-210] = "Trigger error", [-211] = "Trigger ignored",
        [-213] = "Init ignored", [-214] = "Trigger deadlock", [-220] = "Parameter error", [-221] = "Settings conflict",
        [-222] = "Parameter data out of range", [-224] = "Illegal parameter value", [-230] = "Data corrupt or stale",
        [-240] = "Hardware error", [-241] = "Hardware missing", [-300] = "Device-specific error", [-310] = "System error",
        [-350] = "Queue overflow", [-400] = "Query error",
    };

    /// <summary>The codes <see cref="Standard"/> knows a text for.</summary>
    public static IReadOnlyCollection<int> StandardCodes => StandardMessages.Keys;

    /// <summary>The error with <paramref name="code"/> and its standard SCPI text (the class's text, e.g. "Execution error", for a code it does not know).</summary>
    public static ScpiError Standard(int code) => new(code, StandardMessages.TryGetValue(code, out var text) ? text : code switch
    {
        <= -100 and > -200 => "Command error",
        <= -200 and > -300 => "Execution error",
        <= -300 and > -400 => "Device-specific error",
        <= -400 and > -500 => "Query error",
        _ => "Error",
    });

    /// <summary>The <c>SYST:ERR?</c> form: <c>code,"message"</c>.</summary>
    public override string ToString() => $"{Code},\"{Message}\"";
}

/// <summary>Thrown by a command handler to reject a command; the adapter queues the error and sends no reply.</summary>
public sealed class ScpiException(ScpiError error) : Exception(error.ToString())
{
    public ScpiError Error { get; } = error;
}
