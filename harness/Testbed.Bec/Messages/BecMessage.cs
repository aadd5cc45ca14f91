using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

namespace Testbed.Bec.Messages;

/// <summary>A BEC message (encoder <c>BECMessage</c>): <c>metadata</c> first, then the class's fields in declaration order.</summary>
public abstract class BecMessage : BecStruct
{
    private protected BecMessage(StructSchema schema, BecMap? fields)
        : base(schema, fields)
    {
    }

    public override string EncoderName => "BECMessage";

    /// <summary>The message's metadata map (RID, scan_id, device_instr_id, …); a missing or None one becomes {} as in BEC.</summary>
    public BecMap Metadata
    {
        get
        {
            if (Fields.GetOrNull("metadata") is BecMap m) return m;
            var fresh = new BecMap();
            SetField("metadata", fresh);
            return fresh;
        }
        set => SetField("metadata", value ?? new BecMap());
    }

    /// <summary>The wire bytes, after validating as BEC would on construction.</summary>
    public byte[] Encode() => BecCodec.Encode(this);

    internal override string? FormatHead() => null;
}

/// <summary>A message class this library does not declare (GUIConfigMessage, …): kept as its field map, not validated.</summary>
public sealed class GenericMessage(string typeName, BecMap fields) : BecMessage(StructSchema.Open(typeName, isMessage: true), fields);

/// <summary>A pydantic model that is not a message (encoder <c>BaseModel</c>): ServiceInfo, ScanQueueStatus, ErrorInfo, …</summary>
public abstract class BecModel : BecStruct
{
    private protected BecModel(StructSchema schema, BecMap? fields)
        : base(schema, fields)
    {
    }

    public override string EncoderName => "BaseModel";
}

/// <summary>A model class this library does not declare (_IntDynamicMetricValue, MessagingServiceTextContent, …).</summary>
public sealed class GenericModel(string typeName, BecMap fields) : BecModel(StructSchema.Open(typeName, isMessage: false), fields);
