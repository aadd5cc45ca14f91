using System.Globalization;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>Where a scan's files go, as BEC names them: <c>&lt;base&gt;/S00000-00999/S00001/S00001[_suffix]</c> (file_components
/// [path without extension, "h5"]); the master file is <c>&lt;that&gt;_master.h5</c>.</summary>
public static class FileLayout
{
    public static IReadOnlyList<string> Components(string basePath, long scanNumber, BecValue? systemConfig)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        var config = systemConfig as BecMap;
        var group = scanNumber / 1000 * 1000;
        var n = scanNumber.ToString("00000", CultureInfo.InvariantCulture);
        var folder = config?.GetOrNull("file_directory") is BecStr { Value.Length: > 0 } dir
            ? Path.Combine(basePath, dir.Value.TrimStart('/'))
            : Path.Combine(basePath, $"S{group.ToString("00000", CultureInfo.InvariantCulture)}-{(group + 999).ToString("00000", CultureInfo.InvariantCulture)}", $"S{n}");
        var name = $"S{n}" + (config?.GetOrNull("file_suffix") is BecStr { Value.Length: > 0 } suffix ? "_" + suffix.Value : "");
        return [Path.Combine(folder, name), "h5"];
    }

    /// <summary>The master file of <paramref name="components"/>: a name containing <c>_master</c>, which a client's ScanReport.wait() waits for.</summary>
    public static string MasterFile(IReadOnlyList<string> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return $"{components[0]}_master.{(components.Count > 1 ? components[1] : "h5")}";
    }
}
