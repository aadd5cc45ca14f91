using System.Reflection;

using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Msgpack;

namespace Testbed.Bec.Tests.Fixtures;

/// <summary>Every payload of the recorded sessions: decode, re-encode, compare bytes; and compare the structure with bec_lib's.</summary>
public class RecordedPayloadTests
{
    public static IEnumerable<string> Sessions => Recording.Sessions;

    [Test]
    public void The_recording_holds_the_payloads_its_README_counts()
    {
        Assert.That(Recording.Sessions, Has.Count.EqualTo(7));
        Assert.That(Recording.Payloads, Has.Count.EqualTo(Recording.RecordedPayloadCount));
    }

    [TestCaseSource(nameof(Sessions))]
    public void Every_payload_round_trips_byte_for_byte_through_the_msgpack_DOM(string session)
    {
        var failures = new List<string>();
        var n = 0;
        foreach (var p in Recording.Of(session))
        {
            n++;
            var again = BecMsgpack.Encode(BecMsgpack.Decode(p.Bytes));
            if (!again.AsSpan().SequenceEqual(p.Bytes)) failures.Add($"{p}: {FirstDifference(p.Bytes, again)}");
        }
        TestContext.Out.WriteLine($"{session}: {n - failures.Count}/{n} payloads identical through the DOM");
        Assert.That(failures, Is.Empty);
        Assert.That(n, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(Sessions))]
    public void Every_payload_decodes_validated_and_reencodes_byte_for_byte_through_the_codec(string session)
    {
        var failures = new List<string>();
        var n = 0;
        foreach (var p in Recording.Of(session))
        {
            n++;
            try
            {
                var message = BecCodec.DecodeMessage(p.Bytes);
                if (message.TypeName != p.MessageType) failures.Add($"{p}: decoded as {message.TypeName}, recorded {p.MessageType}");
                var again = BecCodec.Encode(message);
                if (!again.AsSpan().SequenceEqual(p.Bytes)) failures.Add($"{p}: {FirstDifference(p.Bytes, again)}");
            }
            catch (BecException e)
            {
                failures.Add($"{p}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{session}: {n - failures.Count}/{n} payloads identical through the codec");
        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sessions))]
    public void Every_typed_message_rebuilt_from_its_properties_encodes_to_the_recorded_bytes(string session)
    {
        var failures = new List<string>();
        var typed = 0;
        foreach (var p in Recording.Of(session))
        {
            var message = BecCodec.DecodeMessage(p.Bytes);
            if (!message.IsTyped) continue;
            typed++;
            try
            {
                var rebuilt = Rebuild(message);
                var bytes = BecCodec.Encode(rebuilt);
                if (!bytes.AsSpan().SequenceEqual(p.Bytes)) failures.Add($"{p} {message.TypeName}: {FirstDifference(p.Bytes, bytes)}");
            }
            catch (BecException e)
            {
                failures.Add($"{p} {message.TypeName}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"{session}: {typed - failures.Count}/{typed} typed messages rebuilt byte for byte");
        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(Sessions))]
    public void Every_decoded_structure_matches_the_recorded_one(string session)
    {
        var failures = new List<string>();
        var comparer = new DecodedComparer();
        foreach (var p in Recording.Of(session))
        {
            var message = BecCodec.DecodeMessage(p.Bytes);
            if (comparer.CompareMessage(p.Decoded!, message) is { } mismatch) failures.Add($"{p}: {mismatch}");
        }
        Assert.That(failures, Is.Empty);
        // The one pydantic effect allowed: ScanInterlockTriggerSetting is a str Enum field, plain str on the wire.
        Assert.That(comparer.PydanticEnums, Is.Empty.Or.All.EqualTo(".value"));
        if (comparer.PydanticEnums.Count > 0) TestContext.Out.WriteLine($"{session}: {comparer.PydanticEnums.Count} str Enum field(s) plain on the wire");
    }

    [Test]
    public void The_structure_comparison_notices_a_changed_value_and_an_int_for_a_float()
    {
        var progress = Recording.Payloads.First(p => p.MessageType == "ProgressMessage");
        var message = BecCodec.DecodeMessage(progress.Bytes);
        var comparer = new DecodedComparer();
        Assert.That(comparer.CompareMessage(progress.Decoded!, message), Is.Null);
        var asInt = progress.Decoded!.DeepClone();
        asInt["value"] = (int)(double)asInt["value"]!;
        Assert.That(comparer.CompareMessage(asInt, message), Does.StartWith(".value: expected int"));
        var other = progress.Decoded!.DeepClone();
        other["done"] = !(bool)other["done"]!;
        Assert.That(comparer.CompareMessage(other, message), Does.StartWith(".done: expected"));
    }

    [Test]
    public void Every_recorded_message_type_has_a_typed_class()
    {
        var recorded = Recording.Payloads.Select(p => p.MessageType!).ToHashSet();
        Assert.That(recorded.Where(t => !MessageRegistry.IsTypedMessage(t)), Is.Empty);
    }

    /// <summary>A new message of the same class whose every settable property is copied, last declared first (the class must restore BEC's order).</summary>
    internal static BecMessage Rebuild(BecMessage original)
    {
        var type = original.GetType();
        var copy = (BecMessage)Activator.CreateInstance(type)!;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.SetMethod!.IsPublic)
            .Reverse();
        foreach (var property in properties) property.SetValue(copy, property.GetValue(original));
        return copy;
    }

    internal static string FirstDifference(byte[] expected, byte[] actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        return $"{actual.Length} bytes instead of {expected.Length}, first difference at byte {i}: " +
               $"recorded {Convert.ToHexString(expected.AsSpan(i, Math.Min(8, expected.Length - i)))}, got {Convert.ToHexString(actual.AsSpan(i, Math.Min(8, actual.Length - i)))}";
    }
}
