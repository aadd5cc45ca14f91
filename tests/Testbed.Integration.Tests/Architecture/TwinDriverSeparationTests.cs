using System.Reflection;
using System.Xml.Linq;

namespace Testbed.Integration.Tests.Architecture;

/// <summary>Twin and drivers never reference each other (docs/decisions/0001), neither in the built assemblies nor in the project files, not even through another project.</summary>
public class TwinDriverSeparationTests
{
    private static readonly string[] TwinSide = ["Testbed.Twin", "Testbed.Twin.Host"];
    private const string DriverSide = "Testbed.Drivers";

    [Test]
    public void The_built_twin_assemblies_do_not_reach_the_drivers_assembly()
    {
        foreach (var twin in TwinSide)
            Assert.That(ReferencePath(twin, DriverSide, BuiltReferences), Is.Null, $"{twin} reaches {DriverSide} through {Describe(ReferencePath(twin, DriverSide, BuiltReferences))}");
    }

    [Test]
    public void The_built_drivers_assembly_does_not_reach_a_twin_assembly()
    {
        foreach (var twin in TwinSide)
            Assert.That(ReferencePath(DriverSide, twin, BuiltReferences), Is.Null, $"{DriverSide} reaches {twin} through {Describe(ReferencePath(DriverSide, twin, BuiltReferences))}");
    }

    [Test]
    public void The_project_files_keep_twin_and_drivers_apart()
    {
        var projects = ProjectFiles();
        IEnumerable<string> References(string name) => projects.TryGetValue(name, out var refs) ? refs : [];
        Assert.That(projects.Keys, Is.SupersetOf(TwinSide.Append(DriverSide)), "the twin and driver projects were found");
        foreach (var twin in TwinSide)
        {
            Assert.That(ReferencePath(twin, DriverSide, References), Is.Null, $"{twin}.csproj reaches {DriverSide} through {Describe(ReferencePath(twin, DriverSide, References))}");
            Assert.That(ReferencePath(DriverSide, twin, References), Is.Null, $"{DriverSide}.csproj reaches {twin} through {Describe(ReferencePath(DriverSide, twin, References))}");
        }
    }

    [Test]
    public void The_check_finds_a_reference_through_another_project_and_nothing_where_there_is_none()
    {
        // A made-up graph: the host reaches the drivers only through a shared library.
        var graph = new Dictionary<string, string[]>
        {
            ["Testbed.Twin.Host"] = ["Testbed.Twin", "Testbed.Shared"],
            ["Testbed.Twin"] = ["Testbed.Beamline"],
            ["Testbed.Shared"] = ["Testbed.Drivers"],
            ["Testbed.Drivers"] = ["Testbed.Beamline"],
        };
        IEnumerable<string> Edges(string n) => graph.TryGetValue(n, out var e) ? e : [];
        Assert.That(ReferencePath("Testbed.Twin.Host", DriverSide, Edges), Is.EqualTo(new[] { "Testbed.Twin.Host", "Testbed.Shared", "Testbed.Drivers" }));
        Assert.That(ReferencePath("Testbed.Twin", DriverSide, Edges), Is.Null);
        Assert.That(ReferencePath(DriverSide, "Testbed.Twin", Edges), Is.Null);
    }

    /// <summary>The chain of references from <paramref name="from"/> to <paramref name="to"/>, or null when there is none (breadth first, so the shortest).</summary>
    internal static IReadOnlyList<string>? ReferencePath(string from, string to, Func<string, IEnumerable<string>> references)
    {
        var cameFrom = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
        {
            if (string.Equals(node, to, StringComparison.OrdinalIgnoreCase))
            {
                var path = new List<string>();
                for (string? n = node; n is not null; n = cameFrom[n]) path.Insert(0, n);
                return path;
            }
            foreach (var next in references(node))
                if (cameFrom.TryAdd(next, node)) queue.Enqueue(next);
        }
        return null;
    }

    private static string Describe(IReadOnlyList<string>? path) => path is null ? "nothing" : string.Join(" → ", path);

    // The project's own assemblies that a built assembly references (framework and package references are not followed).
    private static IEnumerable<string> BuiltReferences(string name) =>
        Assembly.Load(new AssemblyName(name)).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Testbed.", StringComparison.Ordinal));

    // Every project of the source tree (by assembly name = file name) with the projects its ProjectReferences name.
    private static Dictionary<string, List<string>> ProjectFiles()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Testbed.sln"))) root = root.Parent;
        if (root is null) Assert.Ignore("the source tree (Testbed.sln) is not above the test directory; the project files cannot be checked here");
        var projects = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var csproj in Directory.EnumerateFiles(root!.FullName, "*.csproj", SearchOption.AllDirectories))
        {
            if (csproj.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || csproj.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            projects[Path.GetFileNameWithoutExtension(csproj)] = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
                .ToList();
        }
        return projects;
    }
}
