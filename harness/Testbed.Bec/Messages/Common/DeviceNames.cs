using Testbed.Bec.Values;

namespace Testbed.Bec.Messages.Common;

/// <summary>The <c>device: str | list[str] | None</c> field of instructions and their acknowledgements, as a list.</summary>
public static class DeviceNames
{
    /// <summary>A str gives one name, a list its names, None none.</summary>
    public static IReadOnlyList<string> Of(BecValue device) => device switch
    {
        BecNil => [],
        BecList list => list.AsStrings(),
        _ => [device.AsString()],
    };
}
