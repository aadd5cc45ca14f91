using Testbed.Twin.Keithley.Model;
namespace Testbed.Twin.Scpi;

/// <summary>What a command handler works on: the model, the error queue, the status bytes and the time the command executes at.</summary>
/// <remarks>
/// <see cref="Cursor"/> is simulated time. A conversion (<c>READ?</c>, <c>MEAS?</c>, <c>INIT</c>) starts at the cursor
/// and moves it on by the conversion time; replies are released when the clock reaches the cursor.
/// </remarks>
public sealed class ScpiContext(KeithleyPicoammeter model, ScpiErrorQueue errors)
{
    public KeithleyPicoammeter Model { get; } = model;

    public ScpiErrorQueue Errors { get; } = errors;

    public DateTimeOffset Cursor { get; set; }

    /// <summary>Standard event status register (IEEE 488.2): OPC=1, QYE=4, EXE=16, CME=32.</summary>
    public int EventStatus { get; set; }

    public int EventStatusEnable { get; set; }

    public int ServiceRequestEnable { get; set; }

    /// <summary>The 6487 source; a 6485 has none, so its commands are undefined headers.</summary>
    public VoltageSource Source => Model.Source ?? throw new ScpiException(ScpiError.UndefinedHeader);

    /// <summary>Runs one conversion at the cursor and advances it.</summary>
    public KeithleyReading Convert()
    {
        var reading = Model.Convert(Cursor);
        Cursor += Model.ConversionTime;
        return reading;
    }

    /// <summary>Queues <paramref name="error"/> and sets its event status bit.</summary>
    public void Report(ScpiError error)
    {
        Errors.Add(error);
        EventStatus |= error.Code switch
        {
            <= -100 and > -200 => 32,
            <= -200 and > -300 => 16,
            <= -400 and > -500 => 4,
            _ => 0,
        };
    }
}
