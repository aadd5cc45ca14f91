namespace Testbed.Blissdata.Kinds;

/// <summary>The table of stream kinds this library knows: a new kind is one class and one line here.</summary>
public static class StreamKinds
{
    private static readonly IStreamKind[] Table =
    [
        new LimaKind(),
        new Lima2Kind(),
        new Hdf5FallbackKind(),
        new ScanSequenceKind(),
    ];

    private static readonly Dictionary<string, IStreamKind> ByName = Table.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every registered kind, in routing order.</summary>
    public static IReadOnlyList<IStreamKind> All => Table;

    /// <summary>The kind named <paramref name="plugin"/>, or null (no plugin, or one this reader does not have).</summary>
    public static IStreamKind? Find(string? plugin) => plugin is not null && ByName.TryGetValue(plugin, out var k) ? k : null;
}
