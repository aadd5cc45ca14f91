using System.Text.Json;
using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Detector;

/// <summary>Reads an HDF5 file with Debian's h5py (an independent reader): tree, shapes, dtypes, chunks, attributes, and the detector pixels as raw bytes.</summary>
internal static class H5Py
{
    private const string Script = """
import sys, json, h5py, numpy
path, dataset, raw = sys.argv[1], sys.argv[2], sys.argv[3]
out = {"groups": {}, "datasets": {}}
def val(v):
    if isinstance(v, bytes): return v.decode()
    if isinstance(v, numpy.ndarray): return [val(x) for x in v.tolist()]
    if isinstance(v, numpy.generic): return v.item()
    return v
def visit(name, obj):
    attrs = {k: val(obj.attrs[k]) for k in obj.attrs}
    if isinstance(obj, h5py.Dataset):
        d = {"shape": list(obj.shape), "dtype": obj.dtype.str, "chunks": list(obj.chunks) if obj.chunks else None,
             "compression": obj.compression, "attrs": attrs}
        if obj.size <= 100000 and obj.name != dataset: d["values"] = val(obj[()])
        out["datasets"]["/" + name] = d
    else:
        out["groups"]["/" + name] = attrs
with h5py.File(path, "r") as f:
    out["groups"]["/"] = {k: val(f.attrs[k]) for k in f.attrs}
    def walk(group, prefix):
        for k in group:
            obj = group[k]
            visit(prefix + k, obj)
            if isinstance(obj, h5py.Group): walk(obj, prefix + k + "/")
    walk(f, "")
    # Only the default layout has both names; other layouts are checked with h5dump's HARDLINK lines.
    if "/entry/data/data" in f and "/entry/instrument/detector/data" in f:
        out["hardlinked"] = f["/entry/data/data"].id == f["/entry/instrument/detector/data"].id
    open(raw, "wb").write(f[dataset][()].tobytes())
print(json.dumps(out))
""";

    /// <summary>Runs the reader; returns its JSON summary and the pixel bytes of <paramref name="dataset"/>.</summary>
    public static (JsonElement Summary, byte[] Pixels) Read(string file, string dataset = "/entry/data/data")
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var raw = file + ".pixels";
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Script, file, dataset, raw], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.Zero, $"h5py could not read {file}: {stderr}");
        var pixels = File.ReadAllBytes(raw);
        File.Delete(raw);
        return (JsonDocument.Parse(stdout).RootElement.Clone(), pixels);
    }

    /// <summary>The NDFileHDF5 default tree (spec B1, C2.5/C2.9): NX classes of the groups, @hostname, and the /entry/data/data hard link.</summary>
    public static void AssertDefaultTree(JsonElement summary)
    {
        var groups = summary.GetProperty("groups");
        Assert.That(groups.GetProperty("/entry").GetProperty("NX_class").GetString(), Is.EqualTo("NXentry"));
        Assert.That(groups.GetProperty("/entry/instrument").GetProperty("NX_class").GetString(), Is.EqualTo("NXinstrument"));
        Assert.That(groups.GetProperty("/entry/instrument/detector").GetProperty("NX_class").GetString(), Is.EqualTo("NXdetector"));
        Assert.That(groups.GetProperty("/entry/data").GetProperty("NX_class").GetString(), Is.EqualTo("NXdata"));
        Assert.That(groups.GetProperty("/entry/instrument/NDAttributes").GetProperty("NX_class").GetString(), Is.EqualTo("NXcollection"));
        Assert.That(groups.GetProperty("/entry/instrument/NDAttributes").GetProperty("hostname").GetString(), Is.Not.Empty);
        Assert.That(summary.GetProperty("hardlinked").GetBoolean(), Is.True, "/entry/data/data must be a hard link to the detector data");
    }

    public static JsonElement Dataset(this JsonElement summary, string path) => summary.GetProperty("datasets").GetProperty(path);

    public static int[] Ints(this JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt32())];
}
