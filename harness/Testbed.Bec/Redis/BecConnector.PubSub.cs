using System.Collections.Concurrent;

using StackExchange.Redis;

using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Scans;

namespace Testbed.Bec.Redis;

public sealed partial class BecConnector
{
    private readonly ConcurrentDictionary<BecSubscription, byte> _subscriptions = new();

    /// <summary>SUBSCRIBE to the endpoint's channel, or PSUBSCRIBE when it is a pattern (<c>personal/*/queue/queue_request</c>),
    /// and run <paramref name="handler"/> for each message, one at a time, in order (BEC's register).</summary>
    /// <remarks>A BundleMessage arriving where its contents' class is expected is delivered message by message, as a Python
    /// client sees it as a list. Undecodable or foreign messages and handler failures go to <see cref="BecConnectorOptions.OnError"/>.</remarks>
    public async Task<BecSubscription> SubscribeAsync<T>(EndpointInfo<T> endpoint, Func<BecPubSubMessage<T>, Task> handler) where T : BecMessage
    {
        endpoint.CheckOperation("register");
        var channel = endpoint.IsPattern ? RedisChannel.Pattern(endpoint.Endpoint) : RedisChannel.Literal(endpoint.Endpoint);
        var queue = await Run(endpoint, () => Redis.GetSubscriber().SubscribeAsync(channel));
        var subscription = new BecSubscription(endpoint.Endpoint, queue, this);
        _subscriptions[subscription] = 0;
        queue.OnMessage(m => Deliver(endpoint, m, handler));
        return subscription;
    }

    internal void Forget(BecSubscription subscription) => _subscriptions.TryRemove(subscription, out _);

    private async Task Deliver<T>(EndpointInfo endpoint, ChannelMessage raw, Func<BecPubSubMessage<T>, Task> handler) where T : BecMessage
    {
        var channel = raw.Channel.ToString();
        var pattern = endpoint.IsPattern ? endpoint.Endpoint : null;
        List<T> messages;
        try
        {
            var decoded = Decode<BecMessage>(endpoint, (byte[])raw.Message!, "message on");
            messages = decoded switch
            {
                T typed => [typed],
                BundleMessage bundle when bundle.Messages.All(m => m is T) => [.. bundle.Messages.Cast<T>()],
                _ => throw new IncompatibleMessageForEndpointException($"got a {decoded.TypeName}; {endpoint.Method} carries {endpoint.MessageType}"),
            };
        }
        catch (BecException e)
        {
            Options.OnError(new BecConnectorError(channel, $"message ignored: {e.Message}", e));
            return;
        }
        foreach (var m in messages)
        {
            try
            {
                await handler(new BecPubSubMessage<T>(channel, pattern, m));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Options.OnError(new BecConnectorError(channel, $"handler failed: {e.GetType().Name}: {e.Message}", e));
            }
        }
    }
}

/// <summary>A running subscription; dispose to UNSUBSCRIBE.</summary>
public sealed class BecSubscription : IAsyncDisposable
{
    private readonly ChannelMessageQueue _queue;
    private readonly BecConnector _connector;
    private int _disposed;

    internal BecSubscription(string endpoint, ChannelMessageQueue queue, BecConnector connector)
    {
        Endpoint = endpoint;
        _queue = queue;
        _connector = connector;
    }

    /// <summary>The channel or pattern.</summary>
    public string Endpoint { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _connector.Forget(this);
        try
        {
            await _queue.UnsubscribeAsync();
        }
        catch (RedisException)
        {
            // The connection is gone: there is nothing left to unsubscribe from.
        }
    }
}
