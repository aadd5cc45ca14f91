using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Tests.Targets;

/// <summary>Every outside-input parser survives 10⁴ inputs of a fixed seed: no crash, no hang, bounded memory (the long runs are in docs/performance.md).</summary>
public class FuzzTargetsTests
{
    private static IEnumerable<TestCaseData> Targets() => FuzzTargets.All.Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(Targets))]
    public void Ten_thousand_inputs_without_a_finding(FuzzTargetInfo target)
    {
        var result = new FuzzRunner().Run(target, new FuzzOptions { Count = 10_000, Seed = 20261201 });

        Assert.That(result.Findings, Is.Empty, string.Join("\n\n", result.Findings.Select(f => f.Report())));
        Assert.That(result.Passed, Is.True);
        Assert.That(result.Inputs, Is.EqualTo(10_000));
    }

    [Test]
    public void Targets_have_unique_names_and_all_selects_them_all()
    {
        Assert.That(FuzzTargets.All.Select(t => t.Name), Is.Unique);
        Assert.That(FuzzTargets.Select("all"), Is.EqualTo(FuzzTargets.All));
        Assert.That(FuzzTargets.Select("scpi-lines")!.Single().Name, Is.EqualTo("scpi-lines"));
        Assert.That(FuzzTargets.Select("nope"), Is.Null);
    }
}
