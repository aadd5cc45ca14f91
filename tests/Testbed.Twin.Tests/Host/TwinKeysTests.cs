using System.Text.RegularExpressions;
using Testbed.Beamline;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;

namespace Testbed.Twin.Tests.Host;

/// <summary>The twin: key tables: an unknown key names the nearest one, a key is listed once, every key is documented for users.</summary>
public class TwinKeysTests
{
    private static IEnumerable<TestCaseData> Families()
    {
        yield return new TestCaseData(ElmoTwinSettings.Keys.Names, "twin/Testbed.Twin/Elmo/README.md").SetArgDisplayNames("elmo");
        yield return new TestCaseData(KeithleyTwinSettings.Keys.Names, "twin/Testbed.Twin/Keithley/README.md").SetArgDisplayNames("keithley");
        yield return new TestCaseData(DetectorTwinSettings.Keys.Names, "twin/Testbed.Twin/Detector/README.md").SetArgDisplayNames("simplon_detector");
    }

    [TestCaseSource(nameof(Families))]
    public void Every_key_of_the_table_is_named_in_the_family_README(IReadOnlyList<string> keys, string readme)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Testbed.sln"))) dir = Path.GetDirectoryName(dir);
        if (dir is null) Assert.Ignore("the repository (Testbed.sln) is not above the test directory; run the tests from a checkout");
        var text = File.ReadAllText(Path.Combine(dir, readme));
        Assert.That(keys.Where(k => !Regex.IsMatch(text, $@"(?<![\w]){Regex.Escape(k)}(?![\w])")), Is.Empty, $"keys missing from {readme}");
    }

    [Test]
    public void A_key_listed_twice_is_refused_when_the_table_is_built()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new TwinKeys<int> { new("gain", "a", (_, s) => s), new("gain", "b", (_, s) => s) });
        Assert.That(e!.Message, Does.Contain("'gain' is listed twice"));
    }

    [Test]
    public void Keys_are_applied_in_table_order_and_absent_ones_keep_the_default()
    {
        var keys = new TwinKeys<string> { new("a", "", (n, s) => s + "a" + n.AsString()), new("b", "", (n, s) => s + "b" + n.AsString()) };
        var block = BeamlineConfig.Parse("- class: x\n  twin: {b: 2, a: 1}\n", "t.yaml").Controllers[0].Twin;
        Assert.That(keys.Read(block, ">"), Is.EqualTo(">a1b2"));
        Assert.That(keys.Read(null, ">"), Is.EqualTo(">"));
        var typo = Assert.Throws<ConfigException>(() => keys.Read(BeamlineConfig.Parse("- class: x\n  twin: {c: 1}\n", "t.yaml").Controllers[0].Twin, ""));
        Assert.That(typo!.Message, Does.Contain("t.yaml:2:").And.Contain("twin.c").And.Contain("did you mean 'a'"));
    }
}
