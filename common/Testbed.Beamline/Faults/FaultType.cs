namespace Testbed.Beamline.Faults;

/// <summary>What one fault type hits and takes: the classes of its targets and its parameters.</summary>
/// <param name="Name">The <c>type:</c> value.</param>
/// <param name="Scope"><c>link</c>, <c>device</c> or <c>world</c> (documentation and listing).</param>
/// <param name="Classes">Controller classes it applies to (<c>world</c> for the world entry).</param>
/// <param name="Meaning">One line for errors and docs.</param>
/// <param name="Numbers">Numeric parameters: key, lowest, highest, default (null = required).</param>
/// <param name="Choices">Named parameters: key, allowed values, default (the first).</param>
/// <param name="Texts">Free-text parameters, absent unless given: key, the pattern a value must match (a regular expression), what it is.</param>
public sealed record FaultType(
    string Name,
    string Scope,
    IReadOnlyList<string> Classes,
    string Meaning,
    IReadOnlyList<(string Key, double Min, double Max, double? Default)>? Numbers = null,
    IReadOnlyList<(string Key, IReadOnlyList<string> Allowed)>? Choices = null,
    IReadOnlyList<(string Key, string Pattern, string Expected)>? Texts = null)
{
    /// <summary>True when a controller of <paramref name="class"/> can take this fault.</summary>
    public bool Fits(string @class) => Classes.Any(c => string.Equals(c, @class, StringComparison.OrdinalIgnoreCase));
}
