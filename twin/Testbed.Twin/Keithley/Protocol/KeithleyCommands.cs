using Testbed.Twin.Keithley.Protocol.Commands;
using Testbed.Twin.Scpi;
using Testbed.Twin.Scpi.Commands;

namespace Testbed.Twin.Keithley.Protocol;

/// <summary>The command table of the 6485 (and the 6487 additions): one line per command.</summary>
/// <remarks>IEEE 488.2 status and <c>SYSTem:ERRor</c> handlers are the SCPI engine's (<c>Scpi/Commands</c>); the rest are the model's.</remarks>
public static class KeithleyCommands
{
    public static readonly IReadOnlyList<ScpiCommand<KeithleyContext>> Model6485 =
    [
        new("*IDN", query: InstrumentCommands.Identify),
        new("*RST", InstrumentCommands.Reset),
        new("*OPC", CommonCommands.OperationComplete, CommonCommands.OperationCompleteQuery),
        new("*WAI", CommonCommands.Wait),
        new("*CLS", CommonCommands.Clear),
        new("*TST", query: CommonCommands.SelfTest),
        new("*ESR", query: CommonCommands.EventStatusQuery),
        new("*ESE", CommonCommands.SetEventStatusEnable, CommonCommands.EventStatusEnableQuery),
        new("*SRE", CommonCommands.SetServiceRequestEnable, CommonCommands.ServiceRequestEnableQuery),
        new("*STB", query: CommonCommands.StatusByteQuery),
        new("[:SENSe[1]]:CURRent[:DC]:NPLCycles", SenseCommands.SetNplc, SenseCommands.NplcQuery),
        new("[:SENSe[1]]:CURRent[:DC]:RANGe[:UPPer]", SenseCommands.SetRange, SenseCommands.RangeQuery),
        new("[:SENSe[1]]:CURRent[:DC]:RANGe:AUTO", SenseCommands.SetAutoRange, SenseCommands.AutoRangeQuery),
        new("SYSTem:ZCHeck[:STATe]", SystemCommands.SetZeroCheck, SystemCommands.ZeroCheckQuery),
        new("SYSTem:ZCORrect[:STATe]", SystemCommands.SetZeroCorrect, SystemCommands.ZeroCorrectQuery),
        new("SYSTem:ZCORrect:ACQuire", SystemCommands.AcquireZeroCorrect),
        new("SYSTem:AZERo[:STATe]", SystemCommands.SetAutoZero, SystemCommands.AutoZeroQuery),
        new("SYSTem:TIME:RESet", SystemCommands.ResetTime),
        new("SYSTem:LFRequency", query: SystemCommands.LineFrequencyQuery),
        new("SYSTem:ERRor[:NEXT]", query: ErrorCommands.Next),
        new("SYSTem:ERRor:ALL", query: ErrorCommands.All),
        new("SYSTem:ERRor:COUNt", query: ErrorCommands.Count),
        new("SYSTem:ERRor:CODE[:NEXT]", query: ErrorCommands.CodeNext),
        new("SYSTem:ERRor:CODE:ALL", query: ErrorCommands.CodeAll),
        new("SYSTem:CLEar", ErrorCommands.Clear),
        new("DISPlay[:WINDow[1]]:ENABle", SystemCommands.SetDisplay, SystemCommands.DisplayQuery),
        new("CALCulate3:FORMat", BufferCommands.SetStatistic, BufferCommands.StatisticQuery),
        new("TRACe:FEED", BufferCommands.SetFeed, BufferCommands.FeedQuery),
        new("FORMat:ELEMents", BufferCommands.SetElements, BufferCommands.ElementsQuery),
        new("READ", query: MeasureCommands.Read),
        new("FETCh", query: MeasureCommands.Fetch),
        new("MEASure[:CURRent][:DC]", query: MeasureCommands.Measure),
        new("INITiate[:IMMediate]", MeasureCommands.Initiate),
        new("ABORt", MeasureCommands.Abort),
        new("CONFigure[:CURRent][:DC]", MeasureCommands.Configure),
    ];

    public static readonly IReadOnlyList<ScpiCommand<KeithleyContext>> Model6487Additions =
    [
        new("SOURce[1]:VOLTage:RANGe", SourceCommands.SetRange, SourceCommands.RangeQuery),
        new("SOURce[1]:VOLTage[:LEVel][:IMMediate][:AMPLitude]", SourceCommands.SetLevel, SourceCommands.LevelQuery),
        new("SOURce[1]:VOLTage:STATe", SourceCommands.SetState, SourceCommands.StateQuery),
        new("SOURce[1]:VOLTage:INTerlock:FAIL", query: SourceCommands.InterlockFailQuery),
    ];

    /// <summary>The table of <paramref name="model"/> (6485 or 6487).</summary>
    public static IReadOnlyList<ScpiCommand<KeithleyContext>> For(int model) => model == 6487 ? [.. Model6485, .. Model6487Additions] : Model6485;
}
