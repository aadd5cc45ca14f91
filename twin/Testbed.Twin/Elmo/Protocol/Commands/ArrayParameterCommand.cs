using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>A stored parameter array (VL, VH, LL, HL, XM, TR, ER, OB, IL) indexed [first..last], with a per-element check returning the error.</summary>
internal sealed class ArrayParameterCommand(int first, int last, Func<ElmoParameters, long[]> array, Func<ElmoDrive, int, long, ElmoError> check) : ElmoCommand
{
    public override int FirstIndex => first;

    public override int LastIndex => last;

    public override ElmoValue Query(ElmoDrive drive, int index) => array(drive.Parameters)[index];

    public override ElmoError Assign(ElmoDrive drive, int index, long value)
    {
        var error = check(drive, index, value);
        if (error == ElmoError.None) array(drive.Parameters)[index] = value;
        return error;
    }
}
