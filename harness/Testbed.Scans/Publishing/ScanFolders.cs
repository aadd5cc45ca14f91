using System.Globalization;

namespace Testbed.Scans.Publishing;

/// <summary>One folder per scan under each detector's data root (<c>scan0001</c> …), never one that already exists,
/// so no run writes into another's files, however many run at once on one machine.</summary>
public static class ScanFolders
{
    private const string LockName = ".scan-folders.lock";

    public static string Name(long number) => $"scan{number.ToString("0000", CultureInfo.InvariantCulture)}";

    /// <summary>Creates <see cref="Name"/> of the first number from <paramref name="from"/> on that is free under every root and returns it.</summary>
    /// <remarks>Each root is locked (an exclusive lock file) while its folders are counted and created: two processes never get the same number.</remarks>
    public static async Task<long> ReserveAsync(IReadOnlyList<string> roots, long from, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var locks = new List<FileStream>();
        try
        {
            foreach (var root in roots.Distinct().Order(StringComparer.Ordinal))
            {
                Directory.CreateDirectory(root);
                locks.Add(await LockAsync(Path.Combine(root, LockName), time, ct));
            }
            var number = Math.Max(from, roots.Select(Highest).DefaultIfEmpty(0).Max() + 1);
            foreach (var root in roots) Directory.CreateDirectory(Path.Combine(root, Name(number)));
            return number;
        }
        finally
        {
            foreach (var l in locks) await l.DisposeAsync();
        }
    }

    private static long Highest(string root) =>
        Directory.EnumerateDirectories(root, "scan*")
            .Select(d => long.TryParse(Path.GetFileName(d).AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();

    private static async Task<FileStream> LockAsync(string path, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < 500)
            {
                // Another run holds it for the few milliseconds of counting and creating folders.
                await Task.Delay(TimeSpan.FromMilliseconds(10), time, ct);
            }
        }
    }
}
