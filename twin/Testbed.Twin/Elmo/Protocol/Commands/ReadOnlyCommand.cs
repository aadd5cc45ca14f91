namespace Testbed.Twin.Elmo;

/// <summary>A scalar that can only be read (SR, MS, IP, MF, PE, VX …); assigning it gives 23.</summary>
internal sealed class ReadOnlyCommand(Func<ElmoDrive, long> read) : ElmoCommand
{
    public override bool IsReadOnly => true;

    public override ElmoValue Query(ElmoDrive drive, int index) => read(drive);
}
