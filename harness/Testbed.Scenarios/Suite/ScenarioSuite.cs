using Testbed.Beamline;
using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Suite;

/// <summary>Runs scenario files — one, or every <c>*.yaml</c> of a folder (not its <c>goldens/</c>) — in parallel, each in its own environment.</summary>
public static class ScenarioSuite
{
    /// <summary>The scenario files <paramref name="path"/> names: itself, or a folder's <c>*.yaml</c> files (recursively), in name order.</summary>
    /// <exception cref="ConfigException">Nothing there, or a folder without scenarios.</exception>
    public static IReadOnlyList<string> Files(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new ConfigException(path, null, "no such file or folder; give a scenario file or a folder of them (e.g. scenarios/regression)");
        var files = Directory.EnumerateFiles(path, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("goldens") && !IsBeamline(f)).Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new ConfigException(path, null, "this folder holds no scenario (*.yaml) files");
    }

    // Beamline files beside the scenarios (a list of controllers, or a mapping with controllers:) are not scenarios; a file that does not
    // parse is kept, so its error is reported.
    private static bool IsBeamline(string file)
    {
        try
        {
            var root = BeamlineConfig.ParseDocument(File.ReadAllText(file), file, "empty");
            return root.IsSequence || (root.IsMapping && root.Get("controllers") is not null && root.Get("scenario") is null);
        }
        catch (Exception e) when (e is ConfigException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="files"/>, at most <paramref name="parallel"/> at once; <paramref name="onLog"/> hears each scenario's log lines, <paramref name="onEnd"/> its end.</summary>
    public static async Task<IReadOnlyList<SuiteEntry>> RunAsync(IReadOnlyList<string> files, ScenarioRunOptions options, int parallel,
        Action<string, LogEntry>? onLog, Action<SuiteEntry>? onEnd, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new SuiteEntry[files.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        await Task.WhenAll(files.Select(async (file, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                SuiteEntry entry;
                try
                {
                    var scenario = ScenarioFile.Load(file);
                    entry = new SuiteEntry(file, await ScenarioRunner.RunAsync(scenario, options, e => onLog?.Invoke(file, e), ct), null);
                }
                catch (ConfigException e)
                {
                    entry = new SuiteEntry(file, null, e.Message);
                }
                results[i] = entry;
                onEnd?.Invoke(entry);
            }
            finally
            {
                gate.Release();
            }
        }));
        return results;
    }
}
