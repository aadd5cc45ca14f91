namespace Testbed.Bench.Results;

/// <summary>Collects the measurements of each case repetition by repetition, in the order cases first appear.</summary>
public sealed class ResultSheet
{
    private readonly List<(string Name, string Unit, Target Target, List<Measurement> Runs)> _cases = [];

    /// <summary>Adds one repetition of case <paramref name="name"/>; its unit and target must stay the same.</summary>
    public void Add(string name, string unit, Target target, Measurement measurement)
    {
        var index = _cases.FindIndex(c => c.Name == name);
        if (index < 0)
        {
            _cases.Add((name, unit, target, [measurement]));
            return;
        }
        var known = _cases[index];
        if (known.Unit != unit || known.Target != target)
            throw new ArgumentException($"case '{name}' was added with {known.Unit}, {known.Target.Text}; now with {unit}, {target.Text}", nameof(name));
        known.Runs.Add(measurement);
    }

    /// <summary>One result per case.</summary>
    public IReadOnlyList<BenchResult> Results() => [.. _cases.Select(c => new BenchResult(c.Name, c.Unit, c.Target, c.Runs))];
}
