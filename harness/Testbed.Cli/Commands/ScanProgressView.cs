using Spectre.Console;
using Testbed.Cli.Shell;
using Testbed.Scans.Client;

namespace Testbed.Cli.Commands;

/// <summary>A scan's progress on a console: a live bar (points, rate, ETA) on a terminal; nothing per point in logs and pipes.</summary>
internal sealed class ScanProgressView(string title)
{
    /// <summary>Runs <paramref name="body"/>, showing what it reports.</summary>
    public async Task<T> RunAsync<T>(Func<IProgress<ScanProgressUpdate>, Task<T>> body)
    {
        if (!Terminal.IsInteractive) return await body(new Progress());
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = await body(new Progress(task));
                if (task.MaxValue > 0) task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    private sealed class Progress(ProgressTask? task = null) : IProgress<ScanProgressUpdate>
    {
        public void Report(ScanProgressUpdate value)
        {
            if (task is null) return;
            if (value.Total > 0) task.MaxValue = value.Total;
            task.Value = value.Done;
            task.Description = Markup.Escape($"scan {value.ScanNumber} {value.Done:0}/{value.Total:0}");
        }
    }
}
