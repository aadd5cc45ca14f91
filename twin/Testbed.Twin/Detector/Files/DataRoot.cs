namespace Testbed.Twin.Detector.Files;

/// <summary>The folder all detector files live under; resolves relative names and refuses anything that escapes it.</summary>
public sealed class DataRoot
{
    public DataRoot(string path)
    {
        if (!System.IO.Path.IsPathFullyQualified(path)) throw new ArgumentException($"data root '{path}' must be an absolute path", nameof(path));
        Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Absolute, without trailing separator.</summary>
    public string Path { get; }

    /// <summary>Checks a relative path given by a client (<paramref name="what"/> names it in the error); returns it normalised with '/' separators.</summary>
    /// <exception cref="ArgumentException">absolute, contains '..', or otherwise resolves outside the root.</exception>
    public static string CheckRelative(string relative, string what)
    {
        if (relative.Contains('\0')) throw new ArgumentException($"{what} '{relative}' contains a NUL character");
        if (relative.StartsWith('/') || relative.StartsWith('\\') || System.IO.Path.IsPathRooted(relative))
            throw new ArgumentException($"{what} '{relative}' is absolute; give a path relative to the detector's data root");
        var segments = relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
            throw new ArgumentException($"{what} '{relative}' contains '..'; files must stay inside the detector's data root");
        return string.Join('/', segments.Where(s => s != "."));
    }

    /// <summary>The absolute path of <paramref name="relative"/> (already checked or checked here).</summary>
    public string Resolve(string relative, string what = "path")
    {
        var clean = CheckRelative(relative, what);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, clean));
        if (full != Path && !full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"{what} '{relative}' resolves outside the data root");
        return full;
    }

    /// <summary>The path relative to the root, '/'-separated (for file listings).</summary>
    public string Relative(string full) => System.IO.Path.GetRelativePath(Path, full).Replace('\\', '/');
}
