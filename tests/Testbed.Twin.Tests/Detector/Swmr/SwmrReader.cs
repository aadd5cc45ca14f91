using System.Diagnostics;
using System.Text.Json;
using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>Debian's h5py holding a file open as a SWMR reader in another process; each <see cref="Poll"/> refreshes and reports what it sees.</summary>
internal sealed class SwmrReader : IDisposable
{
    // Ids are refreshed before the frames: the writer flushes NDArrayUniqueId last, so the frame axis is at least as long.
    private const string Script = """
import sys, json, base64, h5py
f = h5py.File(sys.argv[1], "r", libver="latest", swmr=True)
data = f["/entry/data/data"]
ids = f["/entry/instrument/NDAttributes/NDArrayUniqueId"]
print(json.dumps({"swmr": f.swmr_mode}), flush=True)
for line in sys.stdin:
    ids.refresh()
    data.refresh()
    n = ids.shape[0]
    print(json.dumps({"ids": ids[()].tolist(), "frames": data.shape[0], "pixels": base64.b64encode(data[:n].tobytes()).decode()}), flush=True)
f.close()
""";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private SwmrReader(Process process) => _process = process;

    /// <summary>Opens <paramref name="path"/> with <c>swmr=True</c>; fails the test when h5py cannot.</summary>
    public static SwmrReader Open(string path)
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var psi = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", Script, path }) psi.ArgumentList.Add(a);
        var reader = new SwmrReader(Process.Start(psi) ?? throw new InvalidOperationException("could not start python3"));
        var hello = reader.ReadLine();
        Assert.That(hello.GetProperty("swmr").GetBoolean(), Is.True, "h5py opened the file in SWMR mode");
        return reader;
    }

    /// <summary>Refreshes the reader's view: the unique ids it sees, the frame axis length, and the pixels of those frames.</summary>
    public (int[] Ids, int Frames, byte[] Pixels) Poll()
    {
        _process.StandardInput.WriteLine("poll");
        _process.StandardInput.Flush();
        var j = ReadLine();
        return ([.. j.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32())], j.GetProperty("frames").GetInt32(), Convert.FromBase64String(j.GetProperty("pixels").GetString()!));
    }

    private JsonElement ReadLine()
    {
        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(Timeout) || line.Result is null)
        {
            var err = _process.HasExited ? _process.StandardError.ReadToEnd() : "(no answer within the timeout)";
            Assert.Fail($"h5py SWMR reader: {err}");
        }
        return JsonDocument.Parse(line.Result!).RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
