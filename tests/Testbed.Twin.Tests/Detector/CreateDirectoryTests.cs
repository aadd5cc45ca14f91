namespace Testbed.Twin.Tests.Detector;

/// <summary>C2 item 2 over REST: FilePath folders created at arm per create_directory depth (B2), file_path_exists follows the disk.</summary>
public class CreateDirectoryTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    private static async Task<SimplonRig> StartAsync(string filePath, int depth)
    {
        var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Fw + "/config/file_path", $$"""{"value": "{{filePath}}"}""");
        var (status, _) = await rig.PutAsync(Fw + "/config/create_directory", $$"""{"value": {{depth}}}""");
        Assert.That(status, Is.EqualTo(200));
        return rig;
    }

    private static async Task<bool> PathExistsAsync(SimplonRig rig) =>
        (await rig.GetAsync(Fw + "/status/file_path_exists")).Json.GetProperty("value").GetBoolean();

    [Test]
    public async Task Negative_depth_creates_only_the_last_folders_and_names_the_missing_one_otherwise()
    {
        await using var rig = await StartAsync("run7/scan3/det", -2);
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("'run7' is missing").And.Contain("create_directory -2"));
        Assert.That(Directory.Exists(Path.Combine(rig.Temp!.Path, "run7")), Is.False, "nothing is created when the path cannot be completed");
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"));

        Directory.CreateDirectory(Path.Combine(rig.Temp.Path, "run7"));
        Assert.That(await PathExistsAsync(rig), Is.False);
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(200));
        Assert.That(Directory.Exists(Path.Combine(rig.Temp.Path, "run7", "scan3", "det")), Is.True);
        Assert.That(await PathExistsAsync(rig), Is.True);
    }

    [Test]
    public async Task Positive_depth_requires_the_first_folders_and_creates_those_below()
    {
        await using var rig = await StartAsync("beamtime/sample/det", 3);
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("'beamtime' is missing"));

        Directory.CreateDirectory(Path.Combine(rig.Temp!.Path, "beamtime"));
        (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400), "depth 3: beamtime/sample must exist too");
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("'beamtime/sample' is missing"));

        Directory.CreateDirectory(Path.Combine(rig.Temp.Path, "beamtime", "sample"));
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(200));
        Assert.That(Directory.Exists(Path.Combine(rig.Temp.Path, "beamtime", "sample", "det")), Is.True);
        Assert.That(await PathExistsAsync(rig), Is.True);
    }

    [Test]
    public async Task Depth_one_creates_every_folder_and_zero_creates_none()
    {
        await using var rig = await StartAsync("a/b/c", 1);
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(200));
        Assert.That(Directory.Exists(Path.Combine(rig.Temp!.Path, "a", "b", "c")), Is.True);
        await rig.PutAsync(Det + "/command/disarm");

        await rig.PutAsync(Fw + "/config/create_directory", """{"value": 0}""");
        Assert.That((await rig.GetAsync(Fw + "/config/create_directories")).Json.GetProperty("value").GetBoolean(), Is.False);
        await rig.PutAsync(Fw + "/config/file_path", """{"value": "a/b/d"}""");
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("'a/b/d' is missing").And.Contain("create_directory is 0"));
        Assert.That(await PathExistsAsync(rig), Is.False);
    }

    [Test]
    public async Task Create_directories_true_turns_depth_zero_into_one_and_the_reply_lists_both_keys()
    {
        await using var rig = await StartAsync("x", 0);
        var (status, json) = await rig.PutAsync(Fw + "/config/create_directories", """{"value": true}""");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(json.EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "create_directories", "create_directory" }));
        Assert.That((await rig.GetAsync(Fw + "/config/create_directory")).Json.GetProperty("value").GetInt32(), Is.EqualTo(1));
    }

    [TestCase("100", "out of range")]
    [TestCase("\"all\"", "must be an integer")]
    [TestCase("1.5", "must be an integer")]
    public async Task Bad_depths_are_refused_with_a_JSON_error(string value, string reason)
    {
        await using var rig = await StartAsync("x", -1);
        var (status, json) = await rig.PutAsync(Fw + "/config/create_directory", $$"""{"value": {{value}}}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("create_directory").And.Contain(reason));
        Assert.That((await rig.GetAsync(Fw + "/config/create_directory")).Json.GetProperty("value").GetInt32(), Is.EqualTo(-1));
    }

    [Test]
    public async Task A_file_in_the_way_is_reported_not_a_server_error()
    {
        await using var rig = await StartAsync("taken/det", 1);
        await File.WriteAllTextAsync(Path.Combine(rig.Temp!.Path, "taken"), "");
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("'taken' is a file"));
    }
}
