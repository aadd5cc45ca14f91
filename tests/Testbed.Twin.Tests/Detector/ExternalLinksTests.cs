using System.Text;
using PureHDF;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;

namespace Testbed.Twin.Tests.Detector;

/// <summary>The external-link encoder under the SIMPLON master (C2 19): its checksum and its refusal of unexpected bytes.</summary>
public class ExternalLinksTests
{
    [Test]
    public void Lookup3_matches_the_reference_vectors_of_its_author()
    {
        Assert.That(Lookup3.Hash([]), Is.EqualTo(0xdeadbeefu));
        Assert.That(Lookup3.Hash(Encoding.ASCII.GetBytes("Four score and seven years ago")), Is.EqualTo(0x17770551u));
    }

    [Test]
    public void A_file_without_the_placeholder_is_refused_not_patched_somewhere()
    {
        var file = new H5File { ["entry"] = new H5Group { ["x"] = new H5SoftLink("/elsewhere") } };
        using var buffer = new MemoryStream();
        file.Write(buffer);
        var bytes = buffer.ToArray();
        var before = bytes.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => ExternalLinks.Convert(bytes, "x", "other.h5", "/entry/data/data"));
        Assert.That(e!.Message, Does.Contain("'x'").And.Contain("other.h5"));
        Assert.That(bytes, Is.EqualTo(before));
    }

    [Test]
    public void Converting_one_link_of_several_leaves_the_others_and_keeps_the_header_checksum_valid()
    {
        var file = new H5File
        {
            ["a"] = ExternalLinks.Placeholder("one.h5", "/d"),
            ["b"] = ExternalLinks.Placeholder("two.h5", "/d"),
        };
        using var buffer = new MemoryStream();
        file.Write(buffer);
        var bytes = buffer.ToArray();
        ExternalLinks.Convert(bytes, "a", "one.h5", "/d");
        ExternalLinks.Convert(bytes, "b", "two.h5", "/d");
        Assert.Throws<InvalidDataException>(() => ExternalLinks.Convert(bytes, "a", "one.h5", "/d"), "already converted: no soft placeholder left");
        // libhdf5 (through h5py) verifies object header checksums; it must see two external links with their targets.
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        using var temp = new TempDirectory("xlink");
        var path = Path.Combine(temp.Path, "links.h5");
        File.WriteAllBytes(path, bytes);
        const string script = "import sys, h5py\nf = h5py.File(sys.argv[1], 'r')\nfor k in sorted(f): l = f.get(k, getlink=True); print(k, type(l).__name__, l.filename, l.path)";
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", script, path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "a ExternalLink one.h5 /d", "b ExternalLink two.h5 /d" }));
    }
}
