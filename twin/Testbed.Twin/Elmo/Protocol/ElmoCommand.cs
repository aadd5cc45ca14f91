using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Elmo.Protocol;

/// <summary>One interpreter mnemonic: how it is queried, assigned or executed, and which indices it takes.</summary>
/// <remarks>The interpreter checks index presence/range and read-only-ness before calling a handler; handlers only talk to the model.</remarks>
internal abstract class ElmoCommand
{
    /// <summary>Lowest valid index; 0 together with <see cref="LastIndex"/> 0 means a scalar (no index allowed).</summary>
    public virtual int FirstIndex => 0;

    public virtual int LastIndex => 0;

    public bool IsArray => LastIndex > 0;

    /// <summary>An executable command (BG, ST): runs when sent bare; cannot be assigned or used in an expression.</summary>
    public virtual bool IsAction => false;

    public virtual bool IsReadOnly => false;

    public virtual ElmoValue Query(ElmoDrive drive, int index) => ElmoValue.Fail(ElmoError.BadCommand);

    public virtual ElmoError Assign(ElmoDrive drive, int index, long value) => ElmoError.CannotBeAssigned;

    public virtual ElmoError Execute(ElmoDrive drive) => ElmoError.BadCommand;
}
