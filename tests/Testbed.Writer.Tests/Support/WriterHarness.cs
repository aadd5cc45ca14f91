using Testbed.Blissdata;
using Testbed.TestSupport;
using Testbed.Writer.Service;

namespace Testbed.Writer.Tests.Support;

/// <summary>A private redis-server with an initialised blissdata DB, a temp folder, and writers started and stopped on demand.</summary>
public sealed class WriterHarness : IAsyncDisposable
{
    private readonly RedisProcess _redis;
    private readonly List<WriterService> _writers = [];

    private WriterHarness(RedisProcess redis, DataStore store)
    {
        _redis = redis;
        Store = store;
    }

    public DataStore Store { get; }

    public TempDirectory Data { get; } = new("writer");

    public string RedisUrl => $"redis://{_redis.Endpoint}/0";

    public static async Task<WriterHarness> StartAsync()
    {
        ExternalTool.RequirePython("h5py", "python3-h5py");
        var redis = RedisProcess.TryStart();
        if (redis is null) Assert.Ignore("needs redis-server (Debian package redis-server)");
        return new WriterHarness(redis, await DataStore.InitAsync($"redis://{redis.Endpoint}/0"));
    }

    /// <summary>Starts a writer and waits until it follows the history.</summary>
    public async Task<WriterService> StartWriterAsync(bool bec = false, bool swmr = false)
    {
        var w = new WriterService(new WriterOptions
        {
            RedisUrl = RedisUrl,
            Swmr = swmr,
            FlushInterval = TimeSpan.FromMilliseconds(50),
            // No scan server here: the scan history entry takes the blissdata scan's end soon.
            Bec = bec ? new BecMode(_redis.Endpoint) { StatusWait = TimeSpan.FromMilliseconds(300) } : null,
        });
        _writers.Add(w);
        await w.StartAsync(CancellationToken.None);
        await w.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return w;
    }

    /// <summary>A writer started, then a scan of <paramref name="points"/> points published to its end and written.</summary>
    public async Task<TestScan> WrittenScanAsync(int points = 9)
    {
        var writer = await StartWriterAsync();
        var scan = await TestScan.PrepareAsync(Store, Data.File("sample_0001.h5"));
        await scan.SendAsync(points);
        await scan.EndAsync();
        await FilesWrittenAsync(writer, 1);
        return scan;
    }

    public static Task StopWriterAsync(WriterService w) => w.StopAsync(CancellationToken.None);

    /// <summary>Waits until <paramref name="w"/> has completed <paramref name="files"/> files.</summary>
    public static Task FilesWrittenAsync(WriterService w, int files) =>
        Eventually.UntilAsync(() => w.FilesWritten >= files, $"{files} file(s) written", TimeSpan.FromSeconds(30));

    /// <summary>Runs a Python/h5py script with the file as argv[1]; returns stdout.</summary>
    public static string Python(string script, params string[] args)
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", script, .. args], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        return stdout.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in _writers)
        {
            await w.StopAsync(CancellationToken.None);
            w.Dispose();
        }
        await Store.DisposeAsync();
        _redis.Dispose();
        Data.Dispose();
    }
}
