namespace Testbed.Bench.Results;

/// <summary>One case of a benchmark over its repetitions: medians of value, reference and ratio, the range of what is judged, and the verdict.</summary>
public sealed record BenchResult
{
    /// <summary>A case measured <paramref name="repetitions"/> times; either every repetition has a reference or none has.</summary>
    public BenchResult(string name, string unit, Target target, IReadOnlyList<Measurement> repetitions)
    {
        if (repetitions.Count == 0) throw new ArgumentException($"case '{name}' has no repetitions", nameof(repetitions));
        var withReference = repetitions.Count(r => r.Reference is not null);
        if (withReference != 0 && withReference != repetitions.Count)
            throw new ArgumentException($"case '{name}': {withReference} of {repetitions.Count} repetitions have a reference; all or none must", nameof(repetitions));
        if (target.OnRatio && withReference == 0)
            throw new ArgumentException($"case '{name}' is judged on its ratio ({target.Text}) but has no reference", nameof(target));
        Name = name;
        Unit = unit;
        Target = target;
        Repetitions = repetitions;
        Value = Spread.Of(repetitions.Select(r => r.Value));
        if (withReference > 0)
        {
            Reference = Spread.Of(repetitions.Select(r => r.Reference!.Value));
            Ratio = Spread.Of(repetitions.Select(r => r.Ratio));
        }
    }

    public string Name { get; }

    /// <summary>Unit of the value and the reference, e.g. "req/s", "µs", "MB/s".</summary>
    public string Unit { get; }

    public Target Target { get; }

    public IReadOnlyList<Measurement> Repetitions { get; }

    /// <summary>The measured value over the repetitions.</summary>
    public Spread Value { get; }

    /// <summary>The raw reference over the repetitions, or null for a case without one.</summary>
    public Spread? Reference { get; }

    /// <summary>value / reference of each repetition, over the repetitions (not the ratio of the medians), or null without a reference.</summary>
    public Spread? Ratio { get; }

    /// <summary>What the target judges: the ratio or the value.</summary>
    public Spread Judged => Target.OnRatio ? Ratio! : Value;

    /// <summary>The target applied to the median of what it judges.</summary>
    public Verdict Verdict => Target.Judge(Judged.Median);
}
