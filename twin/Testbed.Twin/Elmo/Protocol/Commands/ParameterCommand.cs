using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>Reference to one stored scalar parameter.</summary>
internal delegate ref long ParameterField(ElmoParameters parameters);

/// <summary>A stored scalar parameter (SP, AC, DC, SD, PM, EO, HX) with a range check; it takes effect at the next BG.</summary>
internal sealed class ParameterCommand(ParameterField field, Func<ElmoDrive, long, bool> valid) : ElmoCommand
{
    public override ElmoValue Query(ElmoDrive drive, int index) => field(drive.Parameters);

    public override ElmoError Assign(ElmoDrive drive, int index, long value)
    {
        if (!valid(drive, value)) return ElmoError.OperandOutOfRange;
        field(drive.Parameters) = value;
        return ElmoError.None;
    }
}
