using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>EC: the code of the last failed command, as plain decimal (read-only).</summary>
internal sealed class ErrorCodeCommand : ElmoCommand
{
    public override bool IsReadOnly => true;

    public override ElmoValue Query(ElmoDrive drive, int index) => (long)drive.ReadErrorCode();
}
