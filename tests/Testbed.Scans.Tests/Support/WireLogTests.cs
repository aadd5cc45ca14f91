using System.Text.Json.Nodes;

namespace Testbed.Scans.Tests.Support;

/// <summary>The replay comparison itself: it finds a changed field, a missing write and a write out of order.</summary>
public class WireLogTests
{
    private static readonly IReadOnlyList<WireMessage> Recorded = WireLog.Recorded(RecordedSession.Load("02-line_scan"));

    [Test]
    public void A_recording_equals_itself() => Assert.That(WireLog.Compare(Recorded, Recorded), Is.Empty);

    [Test]
    public void A_changed_field_is_named_with_its_path()
    {
        var changed = Recorded.Select(m => m.Type == "ScanStatusMessage" ? m with { Body = Changed(m.Body!) } : m).ToList();
        Assert.That(WireLog.Compare(Recorded, changed), Has.Some.Contains(".num_points: \"i:6\", recorded \"i:5\""));
    }

    [Test]
    public void A_missing_write_and_a_reordered_one_are_found()
    {
        var missing = Recorded.Where(m => !m.Key.StartsWith("user/scan_number", StringComparison.Ordinal)).ToList();
        Assert.That(WireLog.Compare(Recorded, missing), Has.Some.Contains("0× SET user/scan_number"));
        var first = Recorded.First(m => m.Type == "DeviceInstructionMessage");
        var reordered = Recorded.Where(m => m != first).Append(first).ToList();
        Assert.That(WireLog.Compare(Recorded, reordered), Has.Some.Contains("does not come in the recorded order"));
    }

    private static JsonNode Changed(JsonNode body)
    {
        var copy = body.DeepClone();
        copy["num_points"] = "i:6";
        return copy;
    }
}
