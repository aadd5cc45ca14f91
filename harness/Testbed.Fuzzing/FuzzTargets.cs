using Testbed.Fuzzing.Engine;
using Testbed.Fuzzing.Targets;

namespace Testbed.Fuzzing;

/// <summary>Every parser that reads bytes from outside, as a fuzz target: one line per target.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTargetInfo> All { get; } =
    [
        new("elmo-statements", "Elmo UDP request datagrams → twin interpreter", () => new ElmoStatementTarget()),
        new("scpi-lines", "SCPI bytes from the host → Keithley twin session", () => new ScpiLineTarget()),
        new("rfc2217", "RFC 2217 client bytes (telnet, COM-PORT, data) → twin negotiator", () => new Rfc2217Target()),
        new("ser2net-control", "bytes typed at the ser2net control port → twin", () => new Ser2NetControlTarget()),
        new("simplon-requests", "SIMPLON REST method, URL and JSON body → detector twin API", () => new SimplonRequestTarget()),
        new("beamline-yaml", "beamline YAML → parser, twin and driver settings", () => new BeamlineFileTarget()),
        new("blissdata-entries", "Redis stream entries → blissdata entry and payload decoders", () => new BlissdataEntryTarget()),
        new("blissdata-documents", "scan JSON documents → blissdata reader", () => new ScanDocumentTarget()),
        new("elmo-replies", "Elmo reply datagrams → driver reply parsing", () => new ElmoReplyTarget()),
        new("scpi-replies", "Keithley reply lines → driver counter", () => new KeithleyReplyTarget()),
        new("simplon-replies", "SIMPLON HTTP replies → driver detector", () => new SimplonReplyTarget()),
    ];

    /// <summary>The target called <paramref name="name"/>, every target for <c>all</c>, or null.</summary>
    public static IReadOnlyList<FuzzTargetInfo>? Select(string name) =>
        name == "all" ? All : All.FirstOrDefault(t => t.Name == name) is { } t ? [t] : null;
}
