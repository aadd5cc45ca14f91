using System.Text.Json;
using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Checks;

/// <summary>A scenario's golden digests: <c>goldens/&lt;scenario file name&gt;.json</c> beside the scenario, one entry per scan.</summary>
internal static class GoldenStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string PathOf(string scenarioFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioFile))!, "goldens", Path.GetFileNameWithoutExtension(scenarioFile) + ".json");

    /// <summary>The stored digests, or null when the scenario has no golden file yet.</summary>
    public static Dictionary<string, ScanDigest>? Read(string scenarioFile)
    {
        var path = PathOf(scenarioFile);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<Dictionary<string, ScanDigest>>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new ScenarioCheckException($"{path}: not a golden file ({e.Message}); refresh it with --update-goldens"); }
    }

    /// <summary>Writes the digests of <paramref name="scans"/> (replacing theirs, keeping other scans'), through a temporary file.</summary>
    public static string Write(string scenarioFile, IReadOnlyDictionary<string, ScanDigest> scans)
    {
        var path = PathOf(scenarioFile);
        var all = Read(scenarioFile) ?? [];
        foreach (var (name, digest) in scans) all[name] = digest;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new SortedDictionary<string, ScanDigest>(all, StringComparer.Ordinal), Json) + "\n");
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
