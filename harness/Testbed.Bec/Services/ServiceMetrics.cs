using System.Diagnostics;

using Testbed.Bec.Values;

namespace Testbed.Bec.Services;

/// <summary>This process's figures in the shape of BEC's ServiceMetric (psutil names); cpu_percent is measured between two samples.</summary>
internal sealed class ServiceMetrics(TimeProvider time)
{
    private long _lastTimestamp;
    private TimeSpan _lastCpu;

    public BecMap Sample(string user, string hostname)
    {
        using var process = Process.GetCurrentProcess();
        var now = time.GetTimestamp();
        var cpu = process.TotalProcessorTime;
        // psutil's first cpu_percent() is 0.0; after that, CPU time over the elapsed time since the previous sample.
        var percent = 0.0;
        if (_lastTimestamp != 0)
        {
            var wall = time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            if (wall > 0) percent = Math.Round((cpu - _lastCpu).TotalSeconds / wall * 100, 1);
        }
        _lastTimestamp = now;
        _lastCpu = cpu;
        var rss = process.WorkingSet64;
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new BecMap
        {
            ["pid"] = Environment.ProcessId,
            ["cmdline"] = Environment.GetCommandLineArgs(),
            ["process_name"] = process.ProcessName,
            ["username"] = user,
            ["hostname"] = hostname,
            ["cpu_percent"] = percent,
            ["cpu_times"] = process.UserProcessorTime.TotalSeconds,
            ["num_threads"] = process.Threads.Count,
            ["memory_in_mb"] = rss / 1024.0 / 1024.0,
            ["memory_used_percent"] = total > 0 ? rss * 100.0 / total : 0.0,
            ["create_time"] = BecTime.ToUnixSeconds(process.StartTime.ToUniversalTime()),
        };
    }
}
