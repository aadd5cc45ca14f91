using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;

namespace Testbed.Twin.Keithley.Protocol;

/// <summary>What a Keithley command handler works on: the SCPI state (error queue, status, cursor) and the picoammeter model.</summary>
/// <remarks>A conversion (<c>READ?</c>, <c>MEAS?</c>, <c>INIT</c>) starts at the cursor and moves it on by the conversion time.</remarks>
public sealed class KeithleyContext(KeithleyPicoammeter model, ScpiErrorQueue errors) : ScpiContext(errors, model.Clock, model.Gate)
{
    public KeithleyPicoammeter Model { get; } = model;

    /// <summary>The 6487 source; a 6485 has none, so its commands are undefined headers.</summary>
    public VoltageSource Source => Model.Source ?? throw new ScpiException(ScpiError.UndefinedHeader);

    /// <summary>Runs one conversion at the cursor and advances it.</summary>
    public KeithleyReading Convert()
    {
        var reading = Model.Convert(Cursor);
        Cursor += Model.ConversionTime;
        return reading;
    }
}
