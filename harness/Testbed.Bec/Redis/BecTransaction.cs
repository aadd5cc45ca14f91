using StackExchange.Redis;

using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;

namespace Testbed.Bec.Redis;

/// <summary>Typed writes collected into one MULTI/EXEC, in the order they are added (BEC's pipeline).</summary>
public sealed class BecTransaction
{
    private readonly BecConnector _connector;
    private readonly ITransaction _tx;
    private readonly List<Task> _queued = [];
    private readonly List<string> _endpoints = [];
    private bool _executed;

    internal BecTransaction(BecConnector connector, ITransaction tx)
    {
        _connector = connector;
        _tx = tx;
    }

    /// <summary>PUBLISH (SEND endpoints).</summary>
    public BecTransaction Send<T>(EndpointInfo<T> endpoint, T message) where T : BecMessage => Publish(endpoint, "send", message);

    /// <summary>PUBLISH a bundle on an endpoint of its contents' class.</summary>
    public BecTransaction Send<T>(EndpointInfo<T> endpoint, Messages.Scans.BundleMessage bundle) where T : BecMessage => Publish(endpoint, "send", bundle);

    /// <summary>SET [EX] then PUBLISH of the same bytes (SET_PUBLISH endpoints).</summary>
    public BecTransaction SetAndPublish<T>(EndpointInfo<T> endpoint, T message, TimeSpan? expire = null) where T : BecMessage
    {
        var bytes = BecConnector.Prepare(endpoint, "set_and_publish", message);
        Queue(endpoint, BecConnector.Set(_tx, endpoint.Endpoint, bytes, expire));
        return Queue(endpoint, _tx.PublishAsync(RedisChannel.Literal(endpoint.Endpoint), bytes));
    }

    /// <summary>SET [EX] (KEY_VALUE endpoints).</summary>
    public BecTransaction Set<T>(EndpointInfo<T> endpoint, T message, TimeSpan? expire = null) where T : BecMessage =>
        Queue(endpoint, BecConnector.Set(_tx, endpoint.Endpoint, BecConnector.Prepare(endpoint, "set", message), expire));

    /// <summary>DEL.</summary>
    public BecTransaction Delete(EndpointInfo endpoint)
    {
        endpoint.CheckOperation("delete");
        return Queue(endpoint, _tx.KeyDeleteAsync(endpoint.Endpoint));
    }

    /// <summary>LPUSH, then LTRIM 0 max-1 and EXPIRE when given (LIST endpoints; queue history: max 100).</summary>
    public BecTransaction LPush<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null) where T : BecMessage =>
        Push(endpoint, "lpush", message, maxSize, expire, left: true);

    /// <summary>RPUSH, then LTRIM and EXPIRE when given.</summary>
    public BecTransaction RPush<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null) where T : BecMessage =>
        Push(endpoint, "rpush", message, maxSize, expire, left: false);

    /// <summary>XADD <c>MAXLEN ~ n * data &lt;msgpack&gt;</c> (plain MAXLEN when not approximate), then EXPIRE when given (STREAM endpoints).</summary>
    public BecTransaction XAdd<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null, bool approximate = true) where T : BecMessage
    {
        var bytes = BecConnector.Prepare(endpoint, "xadd", message);
        var id = _tx.StreamAddAsync(endpoint.Endpoint, BecConnector.StreamField, bytes, null, maxSize, approximate && maxSize is not null);
        LastStreamId = id;
        Queue(endpoint, id);
        if (expire is { } ttl) Queue(endpoint, _tx.KeyExpireAsync(endpoint.Endpoint, ttl));
        return this;
    }

    /// <summary>The id the last <see cref="XAdd{T}"/> gets, once executed.</summary>
    internal Task<RedisValue>? LastStreamId { get; private set; }

    /// <summary>EXEC; throws naming the endpoints when Redis refused the batch or one of its commands.</summary>
    public async Task ExecuteAsync()
    {
        if (_executed) throw new InvalidOperationException("this transaction was already executed; create a new one");
        _executed = true;
        var what = string.Join(", ", _endpoints.Distinct());
        bool committed;
        try
        {
            committed = await _tx.ExecuteAsync();
            await Task.WhenAll(_queued);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or TaskCanceledException)
        {
            throw new BecException($"the MULTI/EXEC on {what} failed: {e.Message.Split('\n')[0]}", e);
        }
        if (!committed) throw new BecException($"Redis did not commit the MULTI/EXEC on {what}");
    }

    private BecTransaction Publish(EndpointInfo endpoint, string operation, BecMessage message) =>
        Queue(endpoint, _tx.PublishAsync(RedisChannel.Literal(endpoint.Endpoint), BecConnector.Prepare(endpoint, operation, message)));

    private BecTransaction Push(EndpointInfo endpoint, string operation, BecMessage message, int? maxSize, TimeSpan? expire, bool left)
    {
        var bytes = BecConnector.Prepare(endpoint, operation, message);
        Queue(endpoint, left ? _tx.ListLeftPushAsync(endpoint.Endpoint, bytes) : _tx.ListRightPushAsync(endpoint.Endpoint, bytes));
        if (maxSize is { } max) Queue(endpoint, _tx.ListTrimAsync(endpoint.Endpoint, 0, max - 1));
        if (expire is { } ttl) Queue(endpoint, _tx.KeyExpireAsync(endpoint.Endpoint, ttl));
        return this;
    }

    private BecTransaction Queue(EndpointInfo endpoint, Task task)
    {
        if (_executed) throw new InvalidOperationException("this transaction was already executed; create a new one");
        _queued.Add(task);
        _endpoints.Add(endpoint.Endpoint);
        return this;
    }
}
