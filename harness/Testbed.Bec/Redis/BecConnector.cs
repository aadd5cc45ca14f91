using StackExchange.Redis;

using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Scans;

namespace Testbed.Bec.Redis;

/// <summary>BEC's RedisConnector on StackExchange.Redis: typed messages in and out, every call checked against the endpoint's
/// operation family and message class as bec_lib's validate_endpoint does.</summary>
/// <remarks>
/// Commands are the ones BEC sends (spec §2.1): SET+PUBLISH in one MULTI/EXEC, XADD field <c>data</c> with
/// <c>MAXLEN ~</c> and EXPIRE in one MULTI, LPUSH + LTRIM + EXPIRE in one MULTI. Pub/sub handlers run one message at a
/// time per subscription, in order. Streams are read by polling (no blocking XREAD on the multiplexer; ADR 0006).
/// </remarks>
public sealed partial class BecConnector : IAsyncDisposable
{
    private readonly bool _ownsConnection;

    /// <summary>Uses an existing connection (not closed on dispose); <paramref name="database"/> -1 is the connection's default.</summary>
    public BecConnector(IConnectionMultiplexer redis, BecConnectorOptions? options = null, int database = -1)
        : this(redis, options, database, ownsConnection: false)
    {
    }

    private BecConnector(IConnectionMultiplexer redis, BecConnectorOptions? options, int database, bool ownsConnection)
    {
        Redis = redis;
        Options = options ?? new BecConnectorOptions();
        Database = redis.GetDatabase(database);
        _ownsConnection = ownsConnection;
    }

    public IConnectionMultiplexer Redis { get; }

    public IDatabase Database { get; }

    public BecConnectorOptions Options { get; }

    /// <summary>Connects to <c>redis://host:port[/db]</c> or a StackExchange.Redis configuration string (<c>host:port,…</c>);
    /// <paramref name="clientName"/> is set with CLIENT SETNAME, so CLIENT LIST tells the services apart.</summary>
    public static async Task<BecConnector> ConnectAsync(string address, BecConnectorOptions? options = null, string? clientName = null)
    {
        var (configuration, database) = ParseAddress(address);
        options ??= new BecConnectorOptions();
        ConnectionMultiplexer redis;
        try
        {
            var settings = ConfigurationOptions.Parse(configuration);
            settings.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
            settings.AbortOnConnectFail = true;
            if (clientName is not null) settings.ClientName = clientName;
            // BEC issues KEYS (service status, public files); StackExchange.Redis counts it as an admin command.
            settings.AllowAdmin = true;
            redis = await ConnectionMultiplexer.ConnectAsync(settings);
        }
        catch (RedisConnectionException e)
        {
            // The client's own text goes on to advise connection-string flags; the first sentence is what happened.
            var what = e.Message.Split('\n')[0];
            var cut = what.IndexOf(". ", StringComparison.Ordinal);
            throw new BecException($"cannot connect to Redis at '{address}': {(cut > 0 ? what[..cut] : what.TrimEnd('.'))}; check that redis-server runs there", e);
        }
        return new BecConnector(redis, options, database, ownsConnection: true);
    }

    /// <summary>PUBLISH (SEND endpoints); returns how many subscribers received it. A BundleMessage goes where its messages' class is expected.</summary>
    public Task<long> SendAsync<T>(EndpointInfo<T> endpoint, T message) where T : BecMessage => SendMessageAsync(endpoint, message);

    /// <summary>PUBLISH a bundle on an endpoint of its contents' class (the bundler's <c>scan_segment</c>).</summary>
    public Task<long> SendAsync<T>(EndpointInfo<T> endpoint, BundleMessage bundle) where T : BecMessage => SendMessageAsync(endpoint, bundle);

    /// <summary>SET [EX] + PUBLISH of the same bytes in one MULTI/EXEC (SET_PUBLISH endpoints).</summary>
    public Task SetAndPublishAsync<T>(EndpointInfo<T> endpoint, T message, TimeSpan? expire = null) where T : BecMessage =>
        CreateTransaction().SetAndPublish(endpoint, message, expire).ExecuteAsync();

    /// <summary>SET [EX] (KEY_VALUE endpoints).</summary>
    public async Task SetAsync<T>(EndpointInfo<T> endpoint, T message, TimeSpan? expire = null) where T : BecMessage
    {
        var bytes = Prepare(endpoint, "set", message);
        await Run(endpoint, () => Set(Database, endpoint.Endpoint, bytes, expire));
    }

    /// <summary>GET and decode (SET_PUBLISH and KEY_VALUE endpoints); null when the key does not exist.</summary>
    public async Task<T?> GetAsync<T>(EndpointInfo<T> endpoint) where T : BecMessage
    {
        endpoint.CheckOperation("get");
        var raw = await Run(endpoint, () => Database.StringGetAsync(endpoint.Endpoint));
        return raw.IsNull ? null : Decode<T>(endpoint, (byte[])raw!, "GET");
    }

    /// <summary>DEL.</summary>
    public async Task<bool> DeleteAsync(EndpointInfo endpoint)
    {
        endpoint.CheckOperation("delete");
        return await Run(endpoint, () => Database.KeyDeleteAsync(endpoint.Endpoint));
    }

    /// <summary>KEYS with the endpoint's key as the pattern, e.g. <c>MessageEndpoints.ServiceStatus("*")</c>.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(EndpointInfo pattern)
    {
        pattern.CheckOperation("keys");
        var reply = await Run(pattern, () => Database.ExecuteAsync("KEYS", pattern.Endpoint));
        return [.. ((RedisResult[])reply!).Select(r => r.ToString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>A MULTI/EXEC batch of typed writes, as BEC's pipelines (e.g. a device's read and readback together).</summary>
    public BecTransaction CreateTransaction() => new(this, Database.CreateTransaction());

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions.Keys) await s.DisposeAsync();
        if (_ownsConnection) await Redis.DisposeAsync();
    }

    /// <summary>Checks operation and class, then encodes (which validates the message).</summary>
    internal static byte[] Prepare(EndpointInfo endpoint, string operation, BecMessage message)
    {
        endpoint.CheckOperation(operation);
        endpoint.CheckMessage(message);
        try
        {
            return BecCodec.Encode(message);
        }
        catch (BecValidationException e)
        {
            throw new BecValidationException($"not sent to '{endpoint.Endpoint}': {e.Message}");
        }
    }

    internal T Decode<T>(EndpointInfo endpoint, byte[] bytes, string command) where T : BecMessage
    {
        BecMessage message;
        try
        {
            message = BecCodec.DecodeMessage(bytes, Options.ValidateIncoming);
        }
        catch (BecException e)
        {
            throw new BecDecodeException($"{command} '{endpoint.Endpoint}': {e.Message}", e);
        }
        return message as T ?? throw new IncompatibleMessageForEndpointException(
            $"{command} '{endpoint.Endpoint}' gave a {message.TypeName}; {endpoint.Method} carries {endpoint.MessageType}");
    }

    /// <summary>SET key value [EX s | PX ms], spelled as redis-py sends it (StackExchange.Redis would send SETEX).</summary>
    internal static Task<RedisResult> Set(IDatabaseAsync db, string key, byte[] value, TimeSpan? expire) => expire switch
    {
        null => db.ExecuteAsync("SET", [key, value]),
        { } t when t.Ticks % TimeSpan.TicksPerSecond == 0 => db.ExecuteAsync("SET", [key, value, "EX", (long)t.TotalSeconds]),
        { } t => db.ExecuteAsync("SET", [key, value, "PX", (long)Math.Ceiling(t.TotalMilliseconds)]),
    };

    internal static async Task<TResult> Run<TResult>(EndpointInfo endpoint, Func<Task<TResult>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new BecException($"Redis refused or did not answer a command on '{endpoint.Endpoint}': {e.Message.Split('\n')[0]}", e);
        }
    }

    private async Task<long> SendMessageAsync(EndpointInfo endpoint, BecMessage message)
    {
        var bytes = Prepare(endpoint, "send", message);
        return await Run(endpoint, () => Database.PublishAsync(RedisChannel.Literal(endpoint.Endpoint), bytes));
    }

    private static (string Configuration, int Database) ParseAddress(string address)
    {
        if (!address.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)) return (address, -1);
        var uri = new Uri(address);
        var db = uri.AbsolutePath.Trim('/') is { Length: > 0 } path
            ? int.TryParse(path, out var n) ? n : throw new BecException($"'{address}': the path must be a database number (redis://host:port/0)")
            : -1;
        return ($"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}", db);
    }
}
