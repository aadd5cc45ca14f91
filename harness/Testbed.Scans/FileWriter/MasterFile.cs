using PureHDF;
using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;

namespace Testbed.Scans.FileWriter;

/// <summary>The small HDF5 master file of the stand-in writer (PureHDF): <c>/entry</c> (NXentry) with
/// <c>collection/devices/&lt;dev&gt;/&lt;signal&gt;/{value, timestamp}</c> for every numeric signal and <c>collection/metadata</c>
/// (scan id, number, name, exit status). A NeXus writer replaces it later.</summary>
public static class MasterFile
{
    /// <summary>Writes a new file at <paramref name="path"/> (via a temporary name, so no reader sees it half written).</summary>
    /// <exception cref="IOException">The file exists already (it is never overwritten) or cannot be written.</exception>
    public static void Write(string path, ScanStatusMessage open, string exitStatus, ScanData data)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(data);
        if (File.Exists(path)) throw new IOException($"{path} exists already; the scan's master file is not written over it (is the scan number reused?)");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var devices = new H5Group { Attributes = new() { ["NX_class"] = "NXcollection" } };
        foreach (var device in data.Columns.Select(c => c.Device).Distinct())
        {
            var group = new H5Group { Attributes = new() { ["NX_class"] = "NXcollection" } };
            foreach (var (_, signal, values, times) in data.Columns.Where(c => c.Device == device))
            {
                if (Numbers(values) is not { } v) continue;
                group[signal] = new H5Group
                {
                    ["value"] = v,
                    ["timestamp"] = Numbers(times) ?? Array.Empty<double>(),
                };
            }
            devices[device] = group;
        }
        var file = new H5File
        {
            ["entry"] = new H5Group
            {
                Attributes = new() { ["NX_class"] = "NXentry" },
                ["collection"] = new H5Group
                {
                    Attributes = new() { ["NX_class"] = "NXcollection" },
                    ["devices"] = devices,
                    ["metadata"] = new H5Group
                    {
                        Attributes = new() { ["NX_class"] = "NXcollection" },
                        ["scan_id"] = open.ScanId ?? "",
                        ["scan_number"] = open.ScanNumber ?? 0,
                        ["scan_name"] = open.ScanName ?? "",
                        ["exit_status"] = exitStatus,
                        ["num_points"] = (long)data.Columns.Where(c => c.Values.Count > 1).Select(c => c.Values.Count).DefaultIfEmpty(0).Max(),
                    },
                },
            },
        };
        var temp = path + ".tmp";
        file.Write(temp);
        File.Move(temp, path, overwrite: false);
    }

    /// <summary>The values as double[] (or long[] when all are integers), or null when one is not a number.</summary>
    private static object? Numbers(IReadOnlyList<BecValue> values)
    {
        if (values.All(v => v is BecInt)) return values.Select(v => v.AsInt64()).ToArray();
        if (!values.All(v => v is BecInt or BecFloat or NumpyScalar)) return null;
        return values.Select(v => v is NumpyScalar n ? n.ToDouble() : v.AsDouble()).ToArray();
    }
}
