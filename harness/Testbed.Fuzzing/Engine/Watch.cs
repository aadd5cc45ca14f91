using System.Diagnostics;

namespace Testbed.Fuzzing.Engine;

/// <summary>What the worker reports and the watchdog reads: the input in progress and since when, counts, and findings.</summary>
internal sealed class Watch(string target, FuzzOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly List<FuzzFinding> _crashes = [];
    private readonly HashSet<string> _signatures = [];
    private readonly List<FuzzFinding> _other = [];
    private long _index = -1;
    private byte[]? _input;
    private long _started;
    private long _crashCount;
    private long _maxAllocated;
    private TimeSpan _slowest;
    private volatile bool _stop;

    public bool StopRequested => _stop;

    public long Completed { get; private set; }

    public bool Hung { get; private set; }

    public bool MemoryExceeded { get; private set; }

    public void Stop() => _stop = true;

    public void Begin(long index, byte[] input)
    {
        lock (_gate)
        {
            _index = index;
            _input = input;
            _started = time.GetTimestamp();
        }
    }

    public void End(long index, byte[] input, long allocated)
    {
        lock (_gate)
        {
            var took = time.GetElapsedTime(_started);
            if (took > _slowest) _slowest = took;
            _maxAllocated = Math.Max(_maxAllocated, allocated);
            _index = -1;
            _input = null;
            Completed++;
        }
        if (allocated > options.AllocationPerInputBound)
            Memory($"one input allocated {FuzzRunner.Mib(allocated)} (bound {FuzzRunner.Mib(options.AllocationPerInputBound)})", index, input);
    }

    public void Crash(long index, byte[] input, Exception e)
    {
        var finding = new FuzzFinding(FindingKind.Crash, target, options.Seed, index, input, Describe(e), ThrowSite(e)) { Detail = e.ToString() };
        lock (_gate)
        {
            _crashCount++;
            if (_signatures.Add(finding.Signature) && _crashes.Count < options.KeptFindings) _crashes.Add(finding);
        }
    }

    /// <summary>True (and the run is over) when the input in progress has passed its deadline.</summary>
    public bool CheckHang()
    {
        lock (_gate)
        {
            if (_index < 0 || time.GetElapsedTime(_started) <= options.InputDeadline) return false;
            Hung = true;
            _stop = true;
            _other.Add(new FuzzFinding(FindingKind.Hang, target, options.Seed, _index, _input,
                $"no return within {options.InputDeadline.TotalSeconds:0.###} s"));
            return true;
        }
    }

    public void Memory(string problem, long index = -1, byte[]? input = null)
    {
        lock (_gate)
        {
            if (MemoryExceeded && index >= 0) return; // one per-input memory finding is enough to act on
            MemoryExceeded = true;
            _other.Add(new FuzzFinding(FindingKind.Memory, target, options.Seed, index, input, problem));
        }
    }

    public FuzzResult Result(TimeSpan elapsed, long peak, long retained, bool stopped)
    {
        lock (_gate)
        {
            return new FuzzResult
            {
                Target = target, Seed = options.Seed, Inputs = Completed, Elapsed = elapsed, Crashes = _crashCount, Hung = Hung,
                MemoryExceeded = MemoryExceeded, Findings = [.. _crashes, .. _other], DistinctCrashes = _signatures.Count,
                RetainedGrowthBytes = retained, PeakGrowthBytes = peak, MaxAllocatedPerInput = _maxAllocated, SlowestInput = _slowest,
                Stopped = stopped,
            };
        }
    }

    private static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return $"{e.GetType().FullName}: {(message.Length > 300 ? message[..300] + "…" : message)}";
    }

    // The innermost frame in the project's own code (not the fuzzer's), else the innermost frame: where to look.
    private static string? ThrowSite(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
        var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.FullName is { } n && n.StartsWith("Testbed.", StringComparison.Ordinal)
                                               && !n.StartsWith("Testbed.Fuzzing.", StringComparison.Ordinal))
                    ?? frames.FirstOrDefault();
        if (frame?.GetMethod() is not { } method) return null;
        var file = frame.GetFileName() is { } f ? $" ({Path.GetFileName(f)}:{frame.GetFileLineNumber()})" : "";
        return $"{method.DeclaringType?.FullName}.{method.Name}{file}";
    }
}
