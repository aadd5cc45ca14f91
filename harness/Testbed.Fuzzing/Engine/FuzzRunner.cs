using System.Runtime.ExceptionServices;
using Testbed.Fuzzing.Inputs;

namespace Testbed.Fuzzing.Engine;

/// <summary>Runs a target's inputs on a worker thread and watches it: crashes are counted, an input past its deadline is a hang, heap growth is bounded.</summary>
/// <remarks>
/// A hung input cannot be aborted (.NET has no thread abort): the run ends there, the worker is left behind as a
/// background thread and the target is not disposed. Heap size is process-wide, so fuzz runs should not share the
/// process with other busy work.
/// </remarks>
public sealed class FuzzRunner(TimeProvider? time = null)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Fuzzes <paramref name="info"/> with <see cref="FuzzOptions.Count"/> generated inputs.</summary>
    public FuzzResult Run(FuzzTargetInfo info, FuzzOptions options, CancellationToken cancellationToken = default)
    {
        var target = info.Create();
        var generator = new InputGenerator(target.Corpus, target.Tokens, target.MaxInputLength, options.Seed);
        return Execute(info.Name, target, options, options.Count, generator.Generate, cancellationToken);
    }

    /// <summary>Runs one given input (from a report's <c>--replay</c>) under the same watch.</summary>
    public FuzzResult Replay(FuzzTargetInfo info, byte[] input, FuzzOptions options)
    {
        var result = Execute(info.Name, info.Create(), options with { Count = 1 }, 1, _ => input, CancellationToken.None);
        // A given input has no index of its own.
        return result with { Findings = [.. result.Findings.Select(f => f with { Index = -1 })] };
    }

    /// <summary>Input <paramref name="index"/> of <paramref name="seed"/> for a target, exactly as a run generates it.</summary>
    public static byte[] Input(FuzzTargetInfo info, long seed, long index)
    {
        using var target = info.Create();
        return new InputGenerator(target.Corpus, target.Tokens, target.MaxInputLength, seed).Generate(index);
    }

    private FuzzResult Execute(string name, FuzzTarget target, FuzzOptions options, long count, Func<long, byte[]> inputs, CancellationToken ct)
    {
        var watch = new Watch(name, options, _time);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var start = _time.GetTimestamp();
        Exception? engineError = null;
        var worker = new Thread(() =>
        {
            try { Work(target, count, inputs, watch); }
            catch (Exception e) { engineError = e; }
        }) { IsBackground = true, Name = $"fuzz {name}" };
        worker.Start();

        long peak = 0;
        var stopped = false;
        while (!worker.Join(Poll))
        {
            if (watch.CheckHang()) break;
            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
            // Far past the bound: look at what is really retained before the machine runs out.
            if (peak > 4 * options.RetainedMemoryBound && GC.GetTotalMemory(true) - baseline is var held && held > options.RetainedMemoryBound)
            {
                watch.Memory($"the managed heap holds {Mib(held)} more than at the start after {watch.Completed} inputs (bound {Mib(options.RetainedMemoryBound)})");
                watch.Stop();
                worker.Join();
                break;
            }
            if (options.MaxDuration is { } max && _time.GetElapsedTime(start) > max && !watch.StopRequested)
            {
                stopped = true;
                watch.Stop();
            }
            if (ct.IsCancellationRequested) watch.Stop();
        }
        var elapsed = _time.GetElapsedTime(start);
        if (engineError is not null) ExceptionDispatchInfo.Throw(engineError);

        var retained = 0L;
        if (!watch.Hung)
        {
            retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            if (retained > options.RetainedMemoryBound && !watch.MemoryExceeded)
                watch.Memory($"the managed heap holds {Mib(retained)} more after {watch.Completed} inputs than at the start (bound {Mib(options.RetainedMemoryBound)})");
            target.Dispose();
        }
        return watch.Result(elapsed, Math.Max(peak, retained), retained, stopped);
    }

    private void Work(FuzzTarget target, long count, Func<long, byte[]> inputs, Watch watch)
    {
        for (long i = 0; i < count && !watch.StopRequested; i++)
        {
            var input = inputs(i);
            watch.Begin(i, input);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            try { target.Run(input); }
            catch (Exception e) { watch.Crash(i, input, e); }
            watch.End(i, input, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }
    }

    /// <summary>Bytes as MiB with one decimal, for reports.</summary>
    public static string Mib(long bytes) => $"{bytes / 1048576.0:0.0} MiB";
}
