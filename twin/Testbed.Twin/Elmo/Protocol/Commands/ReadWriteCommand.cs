using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>A scalar whose write goes through a model method with side effects (MO, UM, PA, PR, PX, PY, JV).</summary>
internal sealed class ReadWriteCommand(Func<ElmoDrive, long> read, Func<ElmoDrive, long, ElmoError> write) : ElmoCommand
{
    public override ElmoValue Query(ElmoDrive drive, int index) => read(drive);

    public override ElmoError Assign(ElmoDrive drive, int index, long value) => write(drive, value);
}
