using System.Text.Json;
using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Detector;

/// <summary>Reads a SIMPLON master file with Debian's h5py, following /entry/data/data_NNNNNN (external links or data sets)
/// from another working directory, so relative link targets must resolve from the master's folder.</summary>
internal static class SimplonH5
{
    private const string Script = """
import sys, os, json, h5py, numpy
master, raw = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir("/")
def val(v):
    if isinstance(v, bytes): return v.decode()
    if isinstance(v, numpy.ndarray): return [val(x) for x in v.tolist()]
    if isinstance(v, numpy.generic): return v.item()
    return v
out = {"groups": {}, "links": {}, "detector": {}, "specific": {}}
frames = []
with h5py.File(master, "r") as f:
    for g in ["/entry", "/entry/data", "/entry/instrument", "/entry/instrument/detector", "/entry/instrument/detector/detectorSpecific"]:
        out["groups"][g] = {k: val(f[g].attrs[k]) for k in f[g].attrs}
    data = f["/entry/data"]
    for name in sorted(data):
        link = data.get(name, getlink=True)
        d = data[name]
        out["links"][name] = {"kind": type(link).__name__, "file": getattr(link, "filename", None), "path": getattr(link, "path", None),
            "shape": list(d.shape), "dtype": d.dtype.str, "chunks": list(d.chunks) if d.chunks else None,
            "low": int(d.attrs["image_nr_low"]), "high": int(d.attrs["image_nr_high"])}
        frames.append(d[()].tobytes())
    det = f["/entry/instrument/detector"]
    for k in det:
        if isinstance(det[k], h5py.Dataset):
            out["detector"][k] = {"value": val(det[k][()]), "units": val(det[k].attrs.get("units"))}
    spec = det["detectorSpecific"]
    for k in spec: out["specific"][k] = val(spec[k][()])
open(raw, "wb").write(b"".join(frames))
print(json.dumps(out))
""";

    /// <summary>The master's groups, links (kind, target, shape, image_nr_low/high), detector metadata, and the pixels of all linked data in order.</summary>
    public static (JsonElement Summary, byte[] Pixels) ReadMaster(string master)
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var raw = Path.Combine(Path.GetTempPath(), $"simplon-{Guid.NewGuid():N}.pixels");
        try
        {
            var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Script, master, raw], TimeSpan.FromSeconds(60));
            Assert.That(code, Is.Zero, $"h5py could not read {master}: {stderr}");
            return (JsonDocument.Parse(stdout).RootElement.Clone(), File.ReadAllBytes(raw));
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
