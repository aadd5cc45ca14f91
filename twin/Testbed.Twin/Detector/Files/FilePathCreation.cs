using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>Creates the missing folders of FilePath as areaDetector's CreateDirectory depth allows (B2), counting from the data root.</summary>
/// <remarks>For a file_path of k folders: 0 creates none; n &gt; 0 requires the first n − 1 to exist and creates the rest
/// (1 = all); −n creates at most the last n (the first k − n must exist). The data root itself always exists.</remarks>
public static class FilePathCreation
{
    /// <summary>Largest |CreateDirectory| accepted; deeper file paths are unusual and still work with 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>Makes <paramref name="relative"/> exist under <paramref name="root"/> or says which folder is missing and why it is not created.</summary>
    /// <exception cref="DetectorCommandException">a folder that this depth does not create is missing.</exception>
    public static string Ensure(DataRoot root, string relative, int depth)
    {
        var full = root.Resolve(relative, "file_path");
        if (Directory.Exists(full)) return full;
        var parts = DataRoot.CheckRelative(relative, "file_path").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var mustExist = depth switch
        {
            0 => parts.Length,
            > 0 => Math.Min(parts.Length, depth - 1),
            _ => Math.Max(0, parts.Length + depth),
        };
        var current = root.Path;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            if (Directory.Exists(current)) continue;
            if (File.Exists(current))
                throw new DetectorCommandException($"file_path '{relative}': '{string.Join('/', parts[..(i + 1)])}' is a file, not a folder; choose another file_path");
            if (i < mustExist)
                throw new DetectorCommandException($"file_path '{relative}' does not exist under the data root: '{string.Join('/', parts[..(i + 1)])}' is missing and "
                    + (depth == 0 ? "create_directory is 0 (create none)" : $"create_directory {depth} creates only {Describe(depth)}")
                    + "; create it, or set create_directory to 1 to create every missing folder");
            Directory.CreateDirectory(current);
        }
        return full;
    }

    private static string Describe(int depth) => depth > 0
        ? $"the folders below the first {depth - 1}"
        : $"the last {-depth} folder(s)";
}
