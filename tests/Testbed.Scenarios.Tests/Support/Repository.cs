namespace Testbed.Scenarios.Tests.Support;

/// <summary>Paths of the checkout the tests run from: the regression scenarios and the demo beamline.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) dir = dir.Parent;
            if (dir is null) Assert.Ignore("the repository (Testbed.sln) is not above the test directory; run the tests from a checkout");
            return dir!.FullName;
        }
    }

    public static string Regression => Path.Combine(Root, "scenarios", "regression");

    public static string DemoBeamline => Path.Combine(Root, "scenarios", "beamlines", "demo.yaml");

    /// <summary>The regression scenario files, for test cases (found from the assembly's folder, as <see cref="Root"/> is).</summary>
    public static IEnumerable<string> RegressionFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) dir = dir.Parent;
        if (dir is null) return [];
        return Suite.ScenarioSuite.Files(Path.Combine(dir.FullName, "scenarios", "regression")).Select(f => Path.GetFileName(f));
    }
}
