using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata;

public sealed partial class DataStore
{
    /// <summary>Closes a scan whose publisher is gone (a crashed or restarted process): seals every stream, sets <c>end_time</c>,
    /// <c>end_reason</c> and a comment, and writes CLOSED in one MULTI, as the publisher's own close would.</summary>
    /// <returns>False when the scan was already CLOSED (nothing written).</returns>
    public async Task<bool> CloseAbandonedScanAsync(string key, string endReason, string comment)
    {
        var scan = await LoadScanAsync(key);
        if (scan.State == ScanState.Closed) return false;
        var doc = scan.Document;
        foreach (var (name, model) in doc.Streams)
            await Publishing.Sealing.SealAsync(this, model.Key, $"sealing stream '{name}' of abandoned scan {key}");
        var info = (JsonObject)doc.Info.DeepClone();
        info["end_time"] = Publishing.PublishedScan.IsoNow(Time);
        info["end_reason"] = endReason;
        var comments = info["comments"] as JsonArray ?? [];
        comments.Add(new JsonObject { ["date"] = Publishing.PublishedScan.IsoNow(Time), ["message"] = comment });
        info["comments"] = comments;
        var closed = new ScanDocument(doc.Pk, doc.IdentityPk, doc.Identity, (JsonObject)PythonJson.Sanitize(info)!, doc.StatePk, doc.Streams);
        await Publishing.RedisOutage.RetryAsync(this, $"closing abandoned scan {key}", async () =>
        {
            var tx = Database.CreateTransaction();
            _ = Documents.QueueSet(tx, key, closed.Serialize());
            _ = tx.StreamAddAsync(doc.StateKey, "state", (int)ScanState.Closed);
            if (!await tx.ExecuteAsync()) throw new BlissdataException($"scan {key}: the CLOSED transaction was not executed");
            return true;
        });
        return true;
    }
}
