using StackExchange.Redis;

using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;

namespace Testbed.Bec.Redis;

public sealed partial class BecConnector
{
    /// <summary>LPUSH; with <paramref name="maxSize"/> or <paramref name="expire"/>, in one MULTI with LTRIM 0 max-1 / EXPIRE (LIST endpoints).</summary>
    public async Task LPushAsync<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null) where T : BecMessage
    {
        if (maxSize is null && expire is null)
        {
            var bytes = Prepare(endpoint, "lpush", message);
            await Run(endpoint, () => Database.ListLeftPushAsync(endpoint.Endpoint, bytes));
            return;
        }
        await CreateTransaction().LPush(endpoint, message, maxSize, expire).ExecuteAsync();
    }

    /// <summary>RPUSH; with <paramref name="maxSize"/> or <paramref name="expire"/>, in one MULTI with LTRIM / EXPIRE.</summary>
    public async Task RPushAsync<T>(EndpointInfo<T> endpoint, T message, int? maxSize = null, TimeSpan? expire = null) where T : BecMessage
    {
        if (maxSize is null && expire is null)
        {
            var bytes = Prepare(endpoint, "rpush", message);
            await Run(endpoint, () => Database.ListRightPushAsync(endpoint.Endpoint, bytes));
            return;
        }
        await CreateTransaction().RPush(endpoint, message, maxSize, expire).ExecuteAsync();
    }

    /// <summary>LRANGE start stop (inclusive, negative from the end), decoded.</summary>
    public async Task<IReadOnlyList<T>> LRangeAsync<T>(EndpointInfo<T> endpoint, long start, long stop) where T : BecMessage
    {
        endpoint.CheckOperation("lrange");
        var values = await Run(endpoint, () => Database.ListRangeAsync(endpoint.Endpoint, start, stop));
        return [.. values.Select(v => Decode<T>(endpoint, (byte[])v!, "LRANGE"))];
    }

    /// <summary>LLEN.</summary>
    public async Task<long> LLenAsync(EndpointInfo endpoint)
    {
        endpoint.CheckOperation("llen");
        return await Run(endpoint, () => Database.ListLengthAsync(endpoint.Endpoint));
    }

    /// <summary>SMEMBERS, decoded (SET endpoints).</summary>
    public async Task<IReadOnlyList<T>> GetSetMembersAsync<T>(EndpointInfo<T> endpoint) where T : BecMessage
    {
        endpoint.CheckOperation("get_set_members");
        var values = await Run(endpoint, () => Database.SetMembersAsync(endpoint.Endpoint));
        return [.. values.Select(v => Decode<T>(endpoint, (byte[])v!, "SMEMBERS"))];
    }

    /// <summary>SREM of the message's bytes.</summary>
    public async Task<bool> RemoveFromSetAsync<T>(EndpointInfo<T> endpoint, T message) where T : BecMessage
    {
        var bytes = Prepare(endpoint, "remove_from_set", message);
        return await Run(endpoint, () => Database.SetRemoveAsync(endpoint.Endpoint, (RedisValue)bytes));
    }
}
