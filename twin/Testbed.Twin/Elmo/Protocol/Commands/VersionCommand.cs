using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>VR: the firmware version text (read-only; a text, so it cannot be used in an expression).</summary>
internal sealed class VersionCommand : ElmoCommand
{
    public override bool IsReadOnly => true;

    public override ElmoValue Query(ElmoDrive drive, int index) => ElmoValue.Of(drive.Settings.EffectiveVersionText);
}
