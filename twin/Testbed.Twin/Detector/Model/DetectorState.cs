namespace Testbed.Twin.Detector.Model;

/// <summary>SIMPLON detector states (B5.2).</summary>
public enum DetectorState
{
    Na,
    Initialize,
    Configure,
    Ready,
    Acquire,
    Idle,
    Test,
    Error,
}

/// <summary>How a series is triggered (SIMPLON <c>trigger_mode</c>).</summary>
public enum TriggerMode
{
    /// <summary>Internal series: one <c>trigger</c> command starts nimages images.</summary>
    Ints,

    /// <summary>Internal enable: each <c>trigger</c> with a value is one image of that exposure.</summary>
    Inte,

    /// <summary>External series: each external trigger pulse starts nimages images.</summary>
    Exts,
}

/// <summary>Wire names of <see cref="DetectorState"/> and <see cref="TriggerMode"/>.</summary>
public static class DetectorNames
{
    public static string Name(this DetectorState state) => state.ToString().ToLowerInvariant();

    public static string Name(this TriggerMode mode) => mode.ToString().ToLowerInvariant();

    public static readonly string[] TriggerModes = ["ints", "inte", "exts"];

    public static TriggerMode? ParseTriggerMode(string text) =>
        Array.IndexOf(TriggerModes, text) is var i and >= 0 ? (TriggerMode)i : null;
}

/// <summary>A command or setting the detector refuses in its current state or with this value; the message says what to do.</summary>
public sealed class DetectorCommandException(string message) : Exception(message);
