namespace Testbed.Twin.Scpi;

/// <summary>What every command handler works on: the error queue, the IEEE 488.2 status registers and the time the command executes at.</summary>
/// <remarks>
/// <see cref="Cursor"/> is simulated time. A command that takes time (a conversion) starts at the cursor and moves it
/// on; replies are released when the clock reaches the cursor. An instrument derives its own context to add its model.
/// </remarks>
public class ScpiContext
{
    /// <param name="errors">The instrument's error queue.</param>
    /// <param name="clock">The instrument's (simulated) time.</param>
    /// <param name="gate">Held by whoever reads or changes the instrument's state (every session of the instrument shares it).</param>
    public ScpiContext(ScpiErrorQueue errors, TimeProvider clock, object gate)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Errors = errors;
        Clock = clock;
        Gate = gate;
        Cursor = clock.GetUtcNow();
        Transcript = new Metrics.WireTranscript(clock);
    }

    public ScpiErrorQueue Errors { get; }

    public TimeProvider Clock { get; }

    public object Gate { get; }

    public DateTimeOffset Cursor { get; set; }

    /// <summary>Standard event status register (IEEE 488.2): OPC=1, QYE=4, EXE=16, CME=32.</summary>
    public int EventStatus { get; set; }

    public int EventStatusEnable { get; set; }

    public int ServiceRequestEnable { get; set; }

    /// <summary>Command lines executed by every session of the instrument: requests, errors (a line that queued an error) and latency.</summary>
    public Metrics.EndpointMetrics Metrics { get; } = new();

    /// <summary>The last command lines of every session and their replies, on the instrument's clock, for failure reports.</summary>
    public Metrics.WireTranscript Transcript { get; }

    /// <summary>Commands refused for now (faults); the dispatcher consults it for every unit.</summary>
    public ScpiRefusals Refusals { get; } = new();

    /// <summary>Called for every unit whose header names a command of the table, before it runs: its short form and whether it is a
    /// query (fault timelines count these events). Runs under <see cref="Gate"/>: what it sets off (a fault's effect) must not take
    /// <see cref="Gate"/> from another thread and wait for it.</summary>
    public Action<string, bool>? CommandReceived { get; set; }

    /// <summary>The refusal (fault) that refused a unit of the line being executed, or null; the session names it in the transcript.</summary>
    public string? RefusedBy { get; set; }

    /// <summary>Errors reported so far (lets a session tell whether a line failed).</summary>
    public long ErrorsReported { get; private set; }

    /// <summary>Queues <paramref name="error"/> and sets its event status bit.</summary>
    public void Report(ScpiError error)
    {
        Errors.Add(error);
        ErrorsReported++;
        EventStatus |= error.Code switch
        {
            <= -100 and > -200 => 32,
            <= -200 and > -300 => 16,
            <= -400 and > -500 => 4,
            _ => 0,
        };
    }
}
