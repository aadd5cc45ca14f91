using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Scans;

namespace Testbed.Bec.Endpoints;

/// <summary>BEC's MessageOp: which connector operations an endpoint allows (spec §2.1).</summary>
public enum MessageOp
{
    /// <summary>PUBLISH / SUBSCRIBE, nothing stored.</summary>
    Send,

    /// <summary>MULTI SET [EX] + PUBLISH EXEC on the same name.</summary>
    SetPublish,

    /// <summary>SET [EX] / GET.</summary>
    KeyValue,

    /// <summary>XADD (field <c>data</c>) / XREAD / XRANGE.</summary>
    Stream,

    /// <summary>LPUSH/RPUSH (+ LTRIM, EXPIRE) / LRANGE.</summary>
    List,

    /// <summary>A Redis set: SMEMBERS / SREM.</summary>
    Set,
}

/// <summary>The connector methods each <see cref="MessageOp"/> allows, by BEC's method names.</summary>
public static class MessageOps
{
    public static IReadOnlyList<string> Methods(MessageOp op) => op switch
    {
        MessageOp.SetPublish => ["register", "set_and_publish", "delete", "get", "keys"],
        MessageOp.Send => ["send", "register"],
        MessageOp.Stream => ["xadd", "xrange", "xread", "register_stream", "keys", "get_last", "delete"],
        MessageOp.List => ["llen", "lpush", "lrange", "lrem", "rpush", "ltrim", "keys", "delete", "blocking_list_pop"],
        MessageOp.KeyValue => ["set", "get", "delete", "keys"],
        MessageOp.Set => ["remove_from_set", "get_set_members", "delete"],
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>BEC's spelling: SEND, SET_PUBLISH, KEY_VALUE, STREAM, LIST, SET.</summary>
    public static string WireName(MessageOp op) => op switch
    {
        MessageOp.SetPublish => "SET_PUBLISH",
        MessageOp.KeyValue => "KEY_VALUE",
        _ => op.ToString().ToUpperInvariant(),
    };
}

/// <summary>One endpoint as bec_lib's MessageEndpoints returns it: the Redis key/channel, the message class it carries, and its operation family.</summary>
public class EndpointInfo
{
    private protected EndpointInfo(string method, string endpoint, string messageType, MessageOp op)
    {
        Method = method;
        Endpoint = endpoint;
        MessageType = messageType;
        Op = op;
    }

    /// <summary>BEC's MessageEndpoints method, e.g. <c>device_read</c>.</summary>
    public string Method { get; }

    /// <summary>The key and channel name, e.g. <c>info/devices/read/samx</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The Python class of the messages it carries (<c>Any</c>: not checked).</summary>
    public string MessageType { get; }

    public MessageOp Op { get; }

    /// <summary>True when the key contains a glob (<c>*</c>): usable for PSUBSCRIBE and KEYS.</summary>
    public bool IsPattern => Endpoint.Contains('*', StringComparison.Ordinal);

    /// <summary>Throws unless <paramref name="operation"/> (BEC's method name) is allowed here, as BEC's validate_endpoint does.</summary>
    public void CheckOperation(string operation)
    {
        if (!MessageOps.Methods(Op).Contains(operation, StringComparer.Ordinal))
            throw new IncompatibleRedisOperationException(
                $"{operation} is not allowed on '{Endpoint}' ({Method}: {MessageOps.WireName(Op)} allows {string.Join(", ", MessageOps.Methods(Op))})");
    }

    /// <summary>Throws unless the message is of this endpoint's class; a BundleMessage is checked message by message.</summary>
    public void CheckMessage(BecMessage message)
    {
        if (MessageType == "Any") return;
        if (message is BundleMessage bundle && MessageType != nameof(BundleMessage))
        {
            foreach (var m in bundle.Messages) CheckMessage(m);
            return;
        }
        if (!string.Equals(message.TypeName, MessageType, StringComparison.Ordinal))
            throw new IncompatibleMessageForEndpointException($"a {message.TypeName} cannot go to '{Endpoint}' ({Method} carries {MessageType})");
    }

    public override string ToString() => $"{Endpoint} ({MessageType}, {MessageOps.WireName(Op)})";
}

/// <summary>An endpoint whose messages are <typeparamref name="T"/> (<see cref="BecMessage"/> for classes without a typed record here).</summary>
public sealed class EndpointInfo<T> : EndpointInfo where T : BecMessage
{
    internal EndpointInfo(string method, string endpoint, string messageType, MessageOp op)
        : base(method, endpoint, messageType, op)
    {
    }
}

/// <summary>The operation is not in the endpoint's family (BEC: IncompatibleRedisOperation).</summary>
public sealed class IncompatibleRedisOperationException(string message) : BecException(message);

/// <summary>The message is not of the endpoint's class (BEC: IncompatibleMessageForEndpoint).</summary>
public sealed class IncompatibleMessageForEndpointException(string message) : BecException(message);
