using Testbed.Bench.Results;

namespace Testbed.Bench.Running;

/// <summary>A benchmark: a name, options whose defaults are those of <typeparamref name="TSettings"/>, and a run that measures each case against a raw reference in the same run.</summary>
/// <remarks>Adding a benchmark: one folder with a subclass and its settings record, and one line in the CLI's bench command.</remarks>
public abstract class Benchmark<TSettings>
    where TSettings : new()
{
    /// <summary>Benchmarks measure the real machine: wall-clock time, never a simulated clock.</summary>
    protected static TimeProvider Time => TimeProvider.System;

    /// <summary>The subcommand name, e.g. "elmo".</summary>
    public abstract string Name { get; }

    /// <summary>One line: what is measured against what, and the target.</summary>
    public abstract string Description { get; }

    /// <summary>The options a user can set; each reads its default from a new <typeparamref name="TSettings"/>.</summary>
    public abstract IReadOnlyList<BenchOption<TSettings>> Options { get; }

    /// <summary>Measures every case with <paramref name="settings"/>, noting progress; the machine context is taken around the measurement.</summary>
    public async Task<BenchReport> RunAsync(TSettings settings, IBenchProgress progress, CancellationToken ct)
    {
        var loadAtStart = LoadAverage.OneMinute();
        var date = Time.GetUtcNow();
        var setup = Describe(settings);
        progress.Note($"{Name}: {setup}");
        var (results, notes) = await MeasureAsync(settings, progress, ct);
        var machine = new MachineContext(Environment.ProcessorCount, loadAtStart, LoadAverage.OneMinute(), date);
        return new BenchReport(Name, setup, machine, results, notes);
    }

    /// <summary>"1 run", "5 runs".</summary>
    protected static string Runs(int count) => count == 1 ? "1 run" : $"{count} runs";

    /// <summary>What a run with <paramref name="settings"/> measures, on one line (repetitions, durations, sizes).</summary>
    protected abstract string Describe(TSettings settings);

    /// <summary>The measurement itself: results per case and notes (e.g. a case that could not be measured here, and why).</summary>
    protected abstract Task<(IReadOnlyList<BenchResult> Results, IReadOnlyList<string> Notes)> MeasureAsync(TSettings settings, IBenchProgress progress, CancellationToken ct);
}
