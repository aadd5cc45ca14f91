using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Elmo.Protocol.Commands;

/// <summary>An executable command (BG, ST): sent bare it runs; it has no value.</summary>
internal sealed class ActionCommand(Func<ElmoDrive, ElmoError> run) : ElmoCommand
{
    public override bool IsAction => true;

    public override ElmoError Execute(ElmoDrive drive) => run(drive);
}
