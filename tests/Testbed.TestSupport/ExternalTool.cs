using System.Diagnostics;

namespace Testbed.TestSupport;

/// <summary>Finds and runs independent checker programs (Debian's python3 with h5py/pyserial, h5dump, socat).</summary>
/// <remarks>A test that needs one calls <see cref="RequirePython"/> or <see cref="Require"/>: when it is absent the
/// test is reported as skipped with the reason and the package that provides it, never silently passed.</remarks>
public static class ExternalTool
{
    /// <summary>Debian's interpreter first: python3-h5py and python3-serial install into it, not into other pythons on PATH.</summary>
    private static readonly string[] PythonCandidates = ["/usr/bin/python3", "python3"];

    /// <summary>Returns the full path of <paramref name="program"/> or skips the test naming the Debian package.</summary>
    public static string Require(string program, string debianPackage)
    {
        var path = Find(program);
        if (path is null)
            Assert.Ignore($"'{program}' is not installed; install the Debian package '{debianPackage}' (.ci/run does) to run this check.");
        return path!;
    }

    /// <summary>Returns a python3 that can import <paramref name="module"/>, or skips the test naming the Debian package.</summary>
    public static string RequirePython(string module, string debianPackage)
    {
        foreach (var candidate in PythonCandidates)
        {
            var path = candidate.Contains('/') ? (File.Exists(candidate) ? candidate : null) : Find(candidate);
            if (path is null) continue;
            var (code, _, _) = Run(path, ["-c", $"import {module}"], TimeSpan.FromSeconds(30));
            if (code == 0) return path;
        }
        Assert.Ignore($"python3 module '{module}' is not available; install the Debian package '{debianPackage}' (.ci/run does) to run this check.");
        return null!;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                     .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, TimeSpan timeout, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
