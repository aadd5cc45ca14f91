using Testbed.Bec.Codec;
using Testbed.Bec.Messages;

namespace Testbed.Scans.ScanServer.Catalogue;

/// <summary>Payloads a real BEC 3.165.1 deployment wrote at start-up, embedded as golden data (the bytes on the wire).</summary>
public static class RecordedPayloads
{
    /// <summary>The bytes of an embedded recording (<c>available_scans</c>, <c>public_endpoints</c>, …).</summary>
    public static byte[] Bytes(string name)
    {
        var resource = $"Testbed.Scans.Recorded.{name}.msgpack";
        using var stream = typeof(RecordedPayloads).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"embedded resource {resource} is missing from {typeof(RecordedPayloads).Assembly.GetName().Name}; rebuild the project");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The embedded payload decoded as its BEC message class.</summary>
    public static T Message<T>(string name) where T : BecMessage => BecCodec.DecodeMessage<T>(Bytes(name));
}
