using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Scpi;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Keithley.Protocol;

/// <summary>A simulated Keithley 6485/6487 as a serial device: the model, its error queue and status, and the SCPI command table.</summary>
public sealed class KeithleyInstrument : ISerialDevice
{
    public KeithleyInstrument(KeithleyPicoammeter model, SerialLineSettings? line = null, string outputTerminator = "\n")
    {
        Model = model;
        Line = line ?? SerialLineSettings.Default;
        OutputTerminator = outputTerminator;
        Errors = new ScpiErrorQueue();
        Context = new KeithleyContext(model, Errors);
        Commands = new ScpiCommandTable<KeithleyContext>(KeithleyCommands.For(model.Options.Model));
    }

    public KeithleyPicoammeter Model { get; }

    public ScpiErrorQueue Errors { get; }

    public KeithleyContext Context { get; }

    public ScpiCommandTable<KeithleyContext> Commands { get; }

    public SerialLineSettings Line { get; }

    /// <summary>What ends every reply line: LF (the ESRF convention), CR, CRLF or LFCR.</summary>
    public string OutputTerminator { get; }

    public string Description => $"Keithley {Model.Options.Model} picoammeter (SCPI, {Line}, reply terminator {Escape(OutputTerminator)})";

    public ISerialSession OpenSession() => new KeithleyScpiSession(this);

    private static string Escape(string eol) => eol.Replace("\r", "CR", StringComparison.Ordinal).Replace("\n", "LF", StringComparison.Ordinal);
}

/// <summary>One connection's SCPI session on a <see cref="KeithleyInstrument"/> (the engine's session on the instrument's table and context).</summary>
public sealed class KeithleyScpiSession(KeithleyInstrument instrument)
    : ScpiSession<KeithleyContext>(instrument.Commands, instrument.Context, instrument.OutputTerminator);
