using StackExchange.Redis;
using Testbed.Blissdata.Search;

namespace Testbed.Blissdata.Documents;

/// <summary>Stores, reads and searches scan documents; everything else (streams, history, seal) is the same on both back ends.</summary>
internal interface IScanDocuments
{
    DocumentBackend Kind { get; }

    /// <summary>Creates what the back end needs at init (index, search configuration); the DB is empty.</summary>
    Task InitAsync(IDatabase db);

    /// <summary>Queues the write of a whole document in a transaction or batch.</summary>
    Task QueueSet(IDatabaseAsync tx, string key, string json);

    Task<string?> GetAsync(IDatabaseAsync db, string key);

    /// <summary>The last history id ("0-0" if none) and the keys of matching scans.</summary>
    Task<(string Timetag, IReadOnlyList<string> Keys)> SearchAsync(IDatabase db, IReadOnlyList<ScanFilter> filters);
}
