using System.Diagnostics;

namespace Testbed.TestSupport;

/// <summary>Waits for something truly asynchronous (a socket reply, a child process, a file) with a deadline, failing with what was awaited and the last value seen.</summary>
/// <remarks>
/// Only for real I/O: what a model simulates is stepped on a paused clock instead, so that "not yet" and "now" are exact.
/// The deadline only bounds a hang; a passing test never waits for it.
/// </remarks>
public static class Eventually
{
    /// <summary>How long a condition may take unless a test says otherwise (generous: a loaded machine is not a failure).</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        ValueAsync(condition, done => done, what, deadline);

    /// <summary>Polls <paramref name="observe"/> until <paramref name="done"/> accepts its value, and returns that value.</summary>
    public static Task<T> ValueAsync<T>(Func<T> observe, Func<T, bool> done, string what, TimeSpan? deadline = null) =>
        QueryAsync(() => Task.FromResult(observe()), done, what, deadline);

    /// <summary>Polls the asynchronous <paramref name="observe"/> (e.g. a Redis read) until <paramref name="done"/> accepts its value.</summary>
    public static async Task<T> QueryAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await observe();
            if (done(value)) return value;
            if (Stopwatch.GetElapsedTime(started) > limit) Assert.Fail(Message(what, limit, value));
            await Task.Delay(Poll);
        }
    }

    /// <summary>The blocking form of <see cref="UntilAsync"/>, for synchronous tests.</summary>
    public static void Until(Func<bool> condition, string what, TimeSpan? deadline = null) => Value(condition, done => done, what, deadline);

    /// <summary>The blocking form of <see cref="ValueAsync{T}"/>, for synchronous tests.</summary>
    public static T Value<T>(Func<T> observe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = observe();
            if (done(value)) return value;
            if (Stopwatch.GetElapsedTime(started) > limit) Assert.Fail(Message(what, limit, value));
            Thread.Sleep(Poll);
        }
    }

    internal static string Message<T>(string what, TimeSpan limit, T last) =>
        $"{what}: not reached within {limit.TotalSeconds:0.###} s; last observed: {Describe(last)}";

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString() ?? "null")) + "]",
        _ => value.ToString() ?? "",
    };
}
