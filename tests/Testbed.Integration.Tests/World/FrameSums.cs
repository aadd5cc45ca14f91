using System.Text.Json;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.World;

/// <summary>Reads a detector file with Debian's h5py: the sum and the SHA-256 of each frame's pixels.</summary>
internal static class FrameSums
{
    private const string Script = """
import sys, json, hashlib, h5py
with h5py.File(sys.argv[1], "r") as f:
    d = f["/entry/data/data"]
    print(json.dumps([[int(d[i].sum()), hashlib.sha256(d[i].tobytes()).hexdigest()] for i in range(d.shape[0])]))
""";

    public static IReadOnlyList<(long Sum, string Sha256)> Read(string file)
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Script, file], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.Zero, stderr);
        return [.. JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => (e[0].GetInt64(), e[1].GetString()!))];
    }

    /// <summary>The file a demo run reported its frames in ("det1: frames 0..N in FILE (data set)").</summary>
    public static string FileOf(string output, string detector = "det1")
    {
        var line = output.Split('\n').Single(l => l.StartsWith($"{detector}: frames ", StringComparison.Ordinal));
        var start = line.IndexOf(" in ", StringComparison.Ordinal) + 4;
        return line[start..line.LastIndexOf(" (", StringComparison.Ordinal)];
    }
}
