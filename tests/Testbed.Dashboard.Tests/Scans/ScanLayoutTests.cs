using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Info;
using Testbed.Blissdata.Publishing;
using Testbed.Dashboard.Scans;
using Testbed.Dashboard.Tests.Support;

namespace Testbed.Dashboard.Tests.Scans;

/// <summary>Which streams are plotted how: the motor from scan_info's curve plot, counters as curves, other axes left out, JSON and 1D streams ignored.</summary>
public class ScanLayoutTests
{
    private static async Task<ScanLayout> LayoutAsync(DashboardHarness h, string? plotX, params (string Name, int[] Shape)[] streams)
    {
        var identity = new ScanIdentity("ascan", 1, "no_policy");
        var builder = new ScanInfoBuilder(identity, "ascan", 3, TimeProvider.System);
        if (plotX is not null) builder = builder.CurvePlot(plotX, "c:ct");
        var scan = await h.Store.CreateScanAsync(identity, builder.Build());
        foreach (var (name, shape) in streams)
            scan.CreateStream(name == "log" ? StreamDefinition.Json(name) : StreamDefinition.Numeric(name, DType.Float64, shape));
        await scan.PrepareAsync();
        return ScanLayout.Of(await h.Store.LoadScanAsync(scan.Key));
    }

    [Test]
    public async Task The_curve_plot_names_the_motor_and_other_axes_are_not_curves()
    {
        await using var h = await DashboardHarness.StartAsync();
        var layout = await LayoutAsync(h, "axis:ty", ("axis:tx", []), ("axis:ty", []), ("c:ct", []), ("c:mon", []), ("mca:spectrum", [64]), ("log", []));
        Assert.That(layout.Motor, Is.EqualTo("axis:ty"));
        Assert.That(layout.Curves, Is.EqualTo(new[] { "c:ct", "c:mon" }));
        Assert.That(layout.Images, Is.Empty);
    }

    [Test]
    public async Task Without_a_plot_the_first_axis_is_the_motor_and_2d_streams_are_images()
    {
        await using var h = await DashboardHarness.StartAsync();
        var layout = await LayoutAsync(h, null, ("axis:b", []), ("axis:a", []), ("cam:image", [4, 5]));
        Assert.That(layout.Motor, Is.EqualTo("axis:a"));
        Assert.That(layout.Curves, Is.EqualTo(new[] { "axis:b" }), "with nothing else, the other axis is plotted");
        Assert.That(layout.Images, Is.EqualTo(new[] { "cam:image" }));
    }
}
