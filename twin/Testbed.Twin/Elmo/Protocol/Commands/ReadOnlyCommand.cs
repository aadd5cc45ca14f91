using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>A scalar that can only be read (SR, MS, IP, MF, PE, VX …); assigning it gives 23.</summary>
internal sealed class ReadOnlyCommand(Func<ElmoDrive, long> read) : ElmoCommand
{
    public override bool IsReadOnly => true;

    public override ElmoValue Query(ElmoDrive drive, int index) => read(drive);
}
