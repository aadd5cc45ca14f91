using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>A read-only array (DV, SN, AA); assigning gives 23.</summary>
internal sealed class ReadOnlyArrayCommand(int first, int last, Func<ElmoDrive, int, ElmoValue> read) : ElmoCommand
{
    public override int FirstIndex => first;

    public override int LastIndex => last;

    public override bool IsReadOnly => true;

    public override ElmoValue Query(ElmoDrive drive, int index) => read(drive, index);
}
