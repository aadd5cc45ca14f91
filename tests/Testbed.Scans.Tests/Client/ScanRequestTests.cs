using Testbed.Bec.Codec;
using Testbed.Bec.Values;
using Testbed.Scans.Client;
using Testbed.Scans.Validation;

namespace Testbed.Scans.Tests.Client;

/// <summary>The command-line form of a request becomes what bec_lib sends for the same call.</summary>
public class ScanRequestTests
{
    [Test]
    public void A_line_scan_is_a_device_bundle_with_steps_exp_time_and_absolute_positions()
    {
        var r = ScanRequest.Parse("line_scan", ["samx", "-1", "1", "5", "0.01"]);
        var args = (BecMap)r.Args;
        Assert.That(args.Entries, Has.Count.EqualTo(1));
        Assert.That(args.Entries[0].Key, Is.TypeOf<DeviceRef>().And.Property("Name").EqualTo("samx"), "a device object, as bec_lib's dev.samx");
        Assert.That(args.Entries[0].Value, Is.EqualTo(new BecList { -1.0, 1.0 }));
        Assert.That(r.Kwargs["steps"], Is.EqualTo((BecValue)5L));
        Assert.That(r.Kwargs["exp_time"], Is.EqualTo((BecValue)0.01));
        Assert.That(r.Kwargs["relative"], Is.EqualTo((BecValue)false));
    }

    [Test]
    public void Options_override_the_defaults_and_a_grid_takes_counts_per_motor()
    {
        var r = ScanRequest.Parse("grid_scan", ["samx", "-1", "1", "3", "samy", "0", "2", "2", "0.1"], new Dictionary<string, BecValue> { ["snaked"] = false });
        Assert.That(((BecMap)r.Args).Entries.Select(e => e.Value), Is.EqualTo(new BecValue[] { new BecList { -1.0, 1.0, 3L }, new BecList { 0.0, 2.0, 2L } }));
        Assert.That(r.Kwargs["snaked"], Is.EqualTo((BecValue)false));
    }

    [TestCase("line_scan", new[] { "samx", "-1", "1", "5" }, "wrong number of arguments; the form is <motor> <start> <stop>")]
    [TestCase("line_scan", new[] { "-1", "samx", "1", "5", "0.1" }, "'-1' stands where a motor name goes")]
    [TestCase("line_scan", new[] { "samx", "-1", "1e400", "5", "0.1" }, "samx's stop '1e400' is not a finite number")]
    [TestCase("line_scan", new[] { "samx", "-1", "1", "0", "0.1" }, "points '0' must be a whole number ≥ 1")]
    [TestCase("fermat_scan", new[] { "samx" }, "unknown scan 'fermat_scan'; the scans are: line_scan, grid_scan")]
    public void Arguments_that_do_not_fit_are_refused_naming_the_form(string scan, string[] args, string message)
    {
        var e = Assert.Throws<ScanParameterException>(() => ScanRequest.Parse(scan, args));
        Assert.That(e!.Message, Does.Contain(message));
    }
}
