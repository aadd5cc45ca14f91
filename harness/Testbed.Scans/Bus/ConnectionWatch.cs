using StackExchange.Redis;

namespace Testbed.Scans.Bus;

/// <summary>Follows the outages of one Redis connection (StackExchange.Redis ConnectionFailed / ConnectionRestored): whether Redis is
/// away, how many outages there were, and <see cref="Restored"/> once every connection (commands and pub/sub) is back.</summary>
/// <remarks>Pub/sub messages published while a subscriber's connection is down are lost for it; whoever waits for one uses this to
/// know when to ask again. StackExchange.Redis subscribes again by itself after reconnecting.</remarks>
public sealed class ConnectionWatch : IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly HashSet<ConnectionType> _down = [];
    private readonly Lock _lock = new();
    private int _outages;

    public ConnectionWatch(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
    }

    /// <summary>Outages so far (a failure of any connection while all were up starts one).</summary>
    public int Outages => Volatile.Read(ref _outages);

    /// <summary>True from a connection failure until every failed connection is restored (or, should a restore go unreported, until
    /// the multiplexer says it is connected).</summary>
    public bool IsDown
    {
        get
        {
            lock (_lock)
                if (_down.Count == 0) return false;
            return !_redis.IsConnected;
        }
    }

    /// <summary>Raised (on a pool thread) when an outage begins.</summary>
    public event Action? Lost;

    /// <summary>Raised (on a pool thread) when every connection is back; subscriptions are being restored at that moment.</summary>
    public event Action? Restored;

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        bool first;
        lock (_lock)
        {
            first = _down.Count == 0;
            _down.Add(e.ConnectionType);
            if (first) Interlocked.Increment(ref _outages);
        }
        if (first) Lost?.Invoke();
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        bool back;
        lock (_lock) back = _down.Remove(e.ConnectionType) && _down.Count == 0;
        if (back) Restored?.Invoke();
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnFailed;
        _redis.ConnectionRestored -= OnRestored;
    }
}
