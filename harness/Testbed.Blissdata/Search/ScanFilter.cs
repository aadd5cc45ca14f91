namespace Testbed.Blissdata.Search;

/// <summary>One identity filter of <c>search_existing_scans</c>: a field of <c>$.id</c> and a number or a (wildcard) string.</summary>
public sealed record ScanFilter(string Field, object Value)
{
    public static readonly IReadOnlyList<string> Fields = ["name", "number", "data_policy", "session", "proposal", "collection", "dataset", "path"];

    public static ScanFilter Name(string v) => new("name", v);
    public static ScanFilter Number(long v) => new("number", v);
    public static ScanFilter DataPolicy(string v) => new("data_policy", v);
    public static ScanFilter Session(string v) => new("session", v);
    public static ScanFilter Proposal(string v) => new("proposal", v);
    public static ScanFilter Collection(string v) => new("collection", v);
    public static ScanFilter Dataset(string v) => new("dataset", v);
    public static ScanFilter Path(string v) => new("path", v);

    public bool IsNumeric => Value is long or int or double;
}
