using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol.Commands;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>Every mnemonic the twin's interpreter knows: one line per command.</summary>
internal static class ElmoCommandTable
{
    private const long MinAcceleration = 100, MaxAcceleration = 1_000_000_000;

    public static readonly IReadOnlyDictionary<string, ElmoCommand> Commands = new Dictionary<string, ElmoCommand>
    {
        ["AA"] = new ReadOnlyArrayCommand(1, 30, (d, i) => d.Settings.EthernetParameters.GetValueOrDefault(i)),
        ["AC"] = new ParameterCommand(p => ref p.Acceleration, (_, v) => v is >= MinAcceleration and <= MaxAcceleration),
        ["BG"] = new ActionCommand(d => d.Begin()),
        ["DC"] = new ParameterCommand(p => ref p.Deceleration, (_, v) => v is >= MinAcceleration and <= MaxAcceleration),
        ["DV"] = new ReadOnlyArrayCommand(1, 3, (d, i) => i switch { 1 => 0, 2 => d.ReferenceVelocity, _ => d.ReferencePosition }),
        ["EC"] = new ErrorCodeCommand(),
        ["EO"] = new ParameterCommand(p => ref p.Echo, (_, v) => v is 0 or 1),
        ["ER"] = new ArrayParameterCommand(2, 3, p => p.MaxError, (_, _, v) => v > 0 ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["HL"] = new ArrayParameterCommand(2, 3, p => p.FaultHigh, (d, i, v) => v > d.Parameters.FaultLow[i] ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["HM"] = new HomingCommand(),
        // Hex output is not modelled: HX reads 0 and only HX=0 is accepted.
        ["HX"] = new ParameterCommand(p => ref p.Hex, (_, v) => v == 0),
        ["IL"] = new ArrayParameterCommand(1, 10, p => p.InputLogic, (_, _, _) => ElmoError.None),
        ["IP"] = new ReadOnlyCommand(d => d.InputPort),
        ["JV"] = new ReadWriteCommand(d => d.JogVelocity, (d, v) => d.SetJogVelocity(v)),
        ["LL"] = new ArrayParameterCommand(2, 3, p => p.FaultLow, (d, i, v) => v < d.Parameters.FaultHigh[i] ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["MF"] = new ReadOnlyCommand(d => d.MotorFault),
        ["MO"] = new ReadWriteCommand(d => d.IsMotorOn ? 1 : 0, (d, v) => v switch { 1 => d.MotorOn(), 0 => d.MotorOff(), _ => ElmoError.OperandOutOfRange }),
        ["MS"] = new ReadOnlyCommand(d => d.MotionStatus),
        ["OB"] = new ArrayParameterCommand(1, 6, p => p.Outputs, (_, _, v) => v is 0 or 1 ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["PA"] = new ReadWriteCommand(d => d.Target, (d, v) => d.SetTarget(v)),
        ["PE"] = new ReadOnlyCommand(d => d.PositionError),
        ["PM"] = new ParameterCommand(p => ref p.ProfilerMode, (_, v) => v is 0 or 1),
        ["PR"] = new ReadWriteCommand(d => d.RelativeTarget, (d, v) => d.SetRelativeTarget(v)),
        ["PX"] = new ReadWriteCommand(d => d.Position, (d, v) => d.SetPosition(v)),
        ["PY"] = new ReadWriteCommand(d => d.AuxPosition, (d, v) => d.SetAuxPosition(v)),
        ["SD"] = new ParameterCommand(p => ref p.StopDeceleration, (_, v) => v is >= MinAcceleration and <= MaxAcceleration),
        ["SN"] = new ReadOnlyArrayCommand(1, 4, (d, i) => i <= d.Settings.SerialNumbers.Count ? d.Settings.SerialNumbers[i - 1] : 0),
        ["SP"] = new ParameterCommand(p => ref p.Speed, (d, v) => v >= 0 && v <= d.Parameters.High[2]),
        ["SR"] = new ReadOnlyCommand(d => d.StatusRegister),
        ["ST"] = new ActionCommand(d => d.Stop()),
        ["TR"] = new ArrayParameterCommand(1, 2, p => p.Target, (_, _, v) => v >= 0 ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["UM"] = new ReadWriteCommand(d => d.UnitMode, (d, v) => d.SetUnitMode(v)),
        ["VH"] = new ArrayParameterCommand(2, 3, p => p.High, (d, i, v) => v > d.Parameters.Low[i] ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["VL"] = new ArrayParameterCommand(2, 3, p => p.Low, (d, i, v) => v < d.Parameters.High[i] ? ElmoError.None : ElmoError.OperandOutOfRange),
        ["VR"] = new VersionCommand(),
        ["VX"] = new ReadOnlyCommand(d => d.Velocity),
        ["XM"] = new ArrayParameterCommand(1, 2, p => p.Modulo, CheckModulo),
    };

    private static readonly ElmoCommand?[] ByLetters = BuildLookup();

    /// <summary>The command for two upper-case ASCII letters, or null.</summary>
    public static ElmoCommand? Find(byte first, byte second) =>
        first is >= (byte)'A' and <= (byte)'Z' && second is >= (byte)'A' and <= (byte)'Z' ? ByLetters[(first - 'A') * 26 + second - 'A'] : null;

    private static ElmoCommand?[] BuildLookup()
    {
        var table = new ElmoCommand?[26 * 26];
        foreach (var (name, command) in Commands) table[(name[0] - 'A') * 26 + name[1] - 'A'] = command;
        return table;
    }

    private static ElmoError CheckModulo(ElmoDrive drive, int index, long value)
    {
        if (drive.IsMotorOn) return ElmoError.MotorMustBeOff;
        var m = drive.Parameters.Modulo;
        return (index == 1 ? value < m[2] : value > m[1]) ? ElmoError.None : ElmoError.OperandOutOfRange;
    }
}
