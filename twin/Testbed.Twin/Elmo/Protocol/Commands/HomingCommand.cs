using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>HM[1..6]: homing; HM[1]=1 arms, and reads 0 again once the event fired.</summary>
internal sealed class HomingCommand : ElmoCommand
{
    public override int FirstIndex => 1;

    public override int LastIndex => 6;

    public override ElmoValue Query(ElmoDrive drive, int index) => drive.Homing(index);

    public override ElmoError Assign(ElmoDrive drive, int index, long value) => drive.SetHoming(index, value);
}
