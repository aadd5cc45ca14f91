using System.CommandLine;
using Microsoft.Extensions.Logging;
using Testbed.Cli.Shell;
using Testbed.Writer.Service;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed writer --redis URL [--bec] [--swmr]</c>: the NeXus scan-file writer alone against any blissdata Redis, until Ctrl-C.</summary>
internal static class WriterCommand
{
    public static Command Create()
    {
        var redis = CheckedOptions.Redis("blissdata Redis to follow: redis://host:port/db or host:port.", "127.0.0.1:6379");
        var bec = new Option<bool>("--bec") { Description = "Also be BEC's file writer: heartbeat FileWriterManager and announce each BEC scan's master file." };
        var flush = CheckedOptions.Positive("--flush", "Seconds between flushes of a running scan's file.", 1);
        var swmr = new Option<bool>("--swmr") { Description = "Write running scans in SWMR mode: readers that open the file with SWMR read (h5py swmr=True) see each flush. New files are in the HDF5 1.10 format." };
        var cmd = new Command("writer", "Write one NeXus HDF5 file per saving scan (blisswriter's layout, frames linked, not copied); resumes scans left unfinished; Ctrl-C stops.")
        {
            redis, bec, flush, swmr,
        };
        cmd.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(redis)!, parse.GetValue(bec), parse.GetValue(flush), parse.GetValue(swmr), ct));
        return cmd;
    }

    private static async Task<int> RunAsync(string redis, bool bec, double flush, bool swmr, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }));
        using var writer = new WriterService(new WriterOptions
        {
            RedisUrl = redis,
            LoggerFactory = loggers,
            FlushInterval = TimeSpan.FromSeconds(flush),
            Swmr = swmr,
            Bec = bec ? new BecMode(redis) : null,
        });
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await writer.Ready.WaitAsync(ct);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await writer.StopAsync(CancellationToken.None);
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or Blissdata.BlissdataException or StackExchange.Redis.RedisException or Testbed.Bec.BecException)
        {
            // The service logged what failed and where; say it once more as the command's one-line error.
            await Console.Error.WriteLineAsync($"testbed writer: {e.Message}");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}
