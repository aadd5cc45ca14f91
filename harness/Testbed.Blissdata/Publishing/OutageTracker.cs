namespace Testbed.Blissdata.Publishing;

/// <summary>One outage at a time per store: every writer waiting on a lost Redis shares it, so its owner is told once, not per stream.</summary>
internal sealed class OutageTracker
{
    private readonly object _gate = new();
    private long? _since;
    private bool _gaveUp;

    public void Begin(DataStore store, string what, Exception cause)
    {
        lock (_gate)
        {
            if (_since is not null) return;
            _since = store.Time.GetTimestamp();
            _gaveUp = false;
        }
        Tell(store, RedisOutageKind.Lost, what, TimeSpan.Zero, cause);
    }

    public void End(DataStore store, string what, Exception cause)
    {
        TimeSpan elapsed;
        lock (_gate)
        {
            if (_since is not { } since) return;
            elapsed = store.Time.GetElapsedTime(since);
            _since = null;
        }
        Tell(store, RedisOutageKind.Back, what, elapsed, cause);
    }

    public void GiveUp(DataStore store, string what, Exception cause)
    {
        TimeSpan elapsed;
        lock (_gate)
        {
            if (_gaveUp || _since is not { } since) return;
            _gaveUp = true;
            elapsed = store.Time.GetElapsedTime(since);
        }
        Tell(store, RedisOutageKind.GaveUp, what, elapsed, cause);
    }

    private static void Tell(DataStore store, RedisOutageKind kind, string what, TimeSpan elapsed, Exception cause) =>
        store.Options.OnOutage?.Invoke(new RedisOutageNotice(kind, store.Url, what, store.Options.ReconnectTimeout, elapsed, Brief(cause.Message)));

    // StackExchange.Redis appends its whole connection state to the message; the first clause says what happened.
    private static string Brief(string message)
    {
        var cut = message.IndexOfAny([';', '\n']);
        var text = cut > 0 ? message[..cut] : message;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && text.Length > 120) text = text[..colon];
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
