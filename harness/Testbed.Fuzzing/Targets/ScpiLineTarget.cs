using Testbed.Fuzzing.Engine;
using Testbed.Twin.Clock;

namespace Testbed.Fuzzing.Targets;

/// <summary>Bytes a host writes to a Keithley 6485/6487 (SCPI lines, ^C/^X) into the twin's SCPI session, in reads of varying size.</summary>
/// <remarks>
/// Bad input never throws: it queues a SCPI error (−100…−499) and a bad query gets no reply. Checked: nothing escapes
/// <c>Receive</c>/<c>TakeReady</c>, only SCPI error codes are queued, and afterwards ^X <c>*IDN?</c> is still answered.
/// Even inputs go to a 6485, odd ones to a 6487.
/// </remarks>
internal sealed class ScpiLineTarget : FuzzTarget
{
    private readonly SimulationClock _clock = new(paused: true);

    // BLISS's init and read sequences (spec A1) and the conformance checklist C1.
    public override IReadOnlyList<byte[]> Corpus { get; } = Bytes(
        "*IDN?\n", "FORM:ELEM READ\n", "CALC3:FORM MEAN\n", "TRAC:FEED SENS\n", "*OPC?\n", "DISP:ENAB ON\n", "SYST:AZER OFF\n",
        "SENS1:CURR:NPLC 0.1\n", "SENS1:CURR:RANG:AUTO ON\n", "SENS1:CURR:RANGe:UPPer 2e-7\n", "SYST:ZCH OFF\n", "SYST:ZCOR OFF\n",
        "READ?\n", "FETCh?\n", "MEAS?\n", "SYST:ERR?\n", "*RST\n", "*CLS\n", "SENS1:CURR:NPLC?\nSENS1:CURR:RANG:AUTO?\nSYST:ZCH?\n",
        "SYST:ZCH ON;SYST:ZCOR:ACQ;SYST:ZCOR ON\n", "SOURce1:VOLTage:RANGe 50\n", "SOURce1:VOLTage:STATe ON\n",
        "SOURce1:VOLTage:LEVel:IMMediate:AMPLitude 10.5\n", "SOUR1:VOLT?\n", "SENS:CURR:RANG 2e-9;:READ?\r\n", "READ?\x03READ?\n",
        "\x18*CLS\n*IDN?\nSYST:ERR?\n", "SYST:ZCH OFF;SENS1:CURR:NPLC 0.01\nREAD?\nREAD?\n", "CALC3:FORM \"MEAN\"\n", "sens1:curr:nplc 6\n");

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes(
        "*", ":", ";", "?", ",", " ", "\"", "'", "\n", "\r", "SYST", "ZCH", "ZCOR", "SENS", "SENS1", "CURR", "NPLC", "RANG", "AUTO", "UPP",
        "READ", "FETC", "MEAS", "FORM", "ELEM", "SOUR1", "VOLT", "STAT", "ON", "OFF", "MIN", "MAX", "DEF", "ERR", "IDN", "CALC3");

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        var rig = new KeithleyRig(_clock, input.Length % 2 == 0 ? 6485 : 6487);
        foreach (var chunk in Chunks.Of(input))
        {
            rig.Session.Receive(chunk);
            rig.Settle();
        }
        rig.CheckAnswers();
    }

    protected override void Dispose(bool disposing) => _clock.Dispose();
}
