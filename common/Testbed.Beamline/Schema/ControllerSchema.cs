namespace Testbed.Beamline.Schema;

/// <summary>The BLISS part of one controller class: the keys every side may read, where its address is, which values are paths.</summary>
/// <param name="Classes">BLISS <c>class:</c> names (compared case-insensitively).</param>
/// <param name="Keys">Keys of the controller entry (<c>twin:</c> included; its content is each twin's own).</param>
/// <param name="Line">The block holding the address (<c>udp</c>, <c>serial</c>, <c>http</c>) and the keys it may hold.</param>
/// <param name="LineKind">How its <c>url:</c> reads.</param>
/// <param name="Items">The list of axes or sensors (<c>axes</c>, <c>sensors</c>) and the keys of each item, or null.</param>
/// <param name="PathKeys">Controller keys whose values are paths relative to the beamline file's folder.</param>
public sealed record ControllerSchema(
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Keys,
    (string Key, IReadOnlyList<string> Keys) Line,
    LineKind LineKind,
    (string Key, IReadOnlyList<string> Keys)? Items = null,
    IReadOnlyList<string>? PathKeys = null)
{
    public bool Serves(string @class) => Classes.Any(c => string.Equals(c, @class, StringComparison.OrdinalIgnoreCase));
}
