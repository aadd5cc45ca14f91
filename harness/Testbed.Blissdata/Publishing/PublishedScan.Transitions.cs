using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Publishing;

/// <summary>State transitions (§5.1, §5.2) and the FAILURE close after a Redis outage.</summary>
public sealed partial class PublishedScan
{
    private async Task TransitionAsync(ScanState target, string? endReason)
    {
        await _gate.WaitAsync();
        try
        {
            ThrowIfFailed();
            var allowed = target == ScanState.Closed || (int)target == (int)State + 1;
            if (!allowed)
                throw new UnauthorizeStateTransitionException($"scan {Key}: cannot go from {State} to {target} (order CREATED → PREPARED → STARTED → STOPPED → CLOSED; CLOSED from any state)");
            if (target is ScanState.Started or ScanState.Stopped)
            {
                var now = PythonJson.Dumps(PythonJson.Sanitize(Info));
                if (now != _publishedInfo)
                    throw new UnauthorizeStateTransitionException($"scan {Key}: info changed before {target}; info may only change before PREPARED and before CLOSED");
            }
            if (target is ScanState.Stopped or ScanState.Closed)
                foreach (var w in _writers)
                    if (!w.IsSealed) await w.SealAsync();
            if (target == ScanState.Closed)
            {
                Info["end_time"] = IsoNow(_store.Time);
                Info["end_reason"] = endReason;
            }
            await WriteStateAsync(target);
        }
        finally { _gate.Release(); }
    }

    private async Task WriteStateAsync(ScanState target)
    {
        var (doc, infoText) = BuildDocument();
        await Guard(RedisOutage.RetryAsync(_store, $"writing state {target} of scan {Key}", async () =>
        {
            var tx = _store.Database.CreateTransaction();
            _ = _store.Documents.QueueSet(tx, Key, doc);
            if (target == ScanState.Prepared)
                foreach (var (k, v) in _keysAtPrepare) _ = tx.StringSetAsync(k, v, when: StackExchange.Redis.When.NotExists);
            _ = tx.StreamAddAsync(StateKey, "state", (int)target);
            if (!await tx.ExecuteAsync()) throw new BlissdataException($"scan {Key}: the {target} transaction was not executed");
            return true;
        }));
        State = target;
        _publishedInfo = infoText;
    }

    private async Task Guard(Task task)
    {
        try { await task; }
        catch (ScanFailedException e)
        {
            OnRedisLost(e);
            throw;
        }
    }

    /// <summary>Marks the scan failed and, in the background, closes it with FAILURE once Redis answers.</summary>
    internal void OnRedisLost(ScanFailedException e)
    {
        lock (_writers)
        {
            _failure ??= e;
            _failureClose ??= Task.Run(CloseAfterOutageAsync);
        }
    }

    private async Task CloseAfterOutageAsync()
    {
        while (true)
        {
            try
            {
                await _store.Database.PingAsync();
                foreach (var w in _writers) await Sealing.SealAsync(_store, w.Key, $"sealing stream '{w.Name}' after an outage");
                Info["end_time"] = IsoNow(_store.Time);
                Info["end_reason"] = EndReason.Failure;
                await WriteStateAsync(ScanState.Closed);
                return;
            }
            catch (Exception x) when (RedisOutage.IsTransient(x) || x is ScanFailedException) { }
            catch (ObjectDisposedException) { return; }
            await Task.Delay(TimeSpan.FromMilliseconds(100), _store.Time);
        }
    }
}
