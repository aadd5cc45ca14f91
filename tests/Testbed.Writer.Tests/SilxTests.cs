using Testbed.TestSupport;
using Testbed.Writer.Tests.Support;

namespace Testbed.Writer.Tests;

/// <summary>The scan file as ESRF's silx sees it (silx view, pymca, Flint's file browser): the default plot found from the root, valid
/// NXdata with the counter against the motor, every channel and the frames readable through silx's own file layer.</summary>
public class SilxTests
{
    private const string Silx = """
        import sys
        import silx.io, silx.io.nxdata as nx
        with silx.io.open(sys.argv[1]) as f:
            d = nx.get_default(f)
            print("default", d is not None and d.is_valid, d.signal_name, [a.name.split("/")[-1] for a in d.axes], d.signal.shape)
            print("curve", d.is_curve, [round(float(x), 6) for x in d.axes[0][()]] == [round(float(x), 6) for x in f["7.1/measurement/roby"][()]])
            print("entries", silx.io.is_group(f["7.1"]), silx.io.is_dataset(f["7.1/measurement/spectrum"]), f["7.1/measurement/spectrum"].shape)
            frames = f["7.1/measurement/det"]
            print("frames", frames.shape, int(frames[-1].sum()) > 0)
            print("problems", nx.get_attr_as_unicode(f["7.1/plotselect"], "NX_class"), nx.is_valid_nxdata(f["7.1/plotselect"]))
        """;

    [Test]
    public async Task Silx_finds_the_default_plot_and_reads_every_channel_and_frame()
    {
        var python = ExternalTool.RequirePython("silx", "python3-silx");
        await using var h = await WriterHarness.StartAsync();
        var scan = await h.WrittenScanAsync();
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Silx, scan.File], TimeSpan.FromSeconds(120));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim().Split('\n'), Is.EqualTo(new[]
        {
            "default True diode ['roby'] (9,)",
            "curve True True",
            "entries True True (9, 6)",
            $"frames (9, {TestScan.Height}, {TestScan.Width}) True",
            "problems NXdata True",
        }));
    }
}
