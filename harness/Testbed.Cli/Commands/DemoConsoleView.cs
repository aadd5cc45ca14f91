using Spectre.Console;
using Testbed.Blissdata;
using Testbed.Cli.Shell;
using Testbed.Demo;
using Testbed.Scans.Stepping;

namespace Testbed.Cli.Commands;

/// <summary>The demo on a console: a live table and a Redis countdown on a terminal; one line per event in logs and pipes.</summary>
internal sealed class DemoConsoleView : IDemoView, IAsyncDisposable
{
    private readonly bool _interactive = Terminal.IsInteractive;
    private readonly TaskCompletionSource _scanDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private Table? _table;
    private LiveDisplayContext? _live;
    private Task? _liveTask;
    private CancellationTokenSource? _countdown;

    public void Note(string text)
    {
        if (_interactive) AnsiConsole.MarkupLineInterpolated($"[grey]{text}[/]");
        else Console.WriteLine(text);
    }

    public void Warning(string text) => Console.Error.WriteLine($"testbed demo: warning: {text}");

    public void ScanStarting(string description, IReadOnlyList<string> columns)
    {
        Console.WriteLine(description);
        if (!_interactive)
        {
            // Logs and pipes get one line per point, as it is measured.
            Console.WriteLine(string.Join('\t', columns));
            return;
        }
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in columns) table.AddColumn(c);
        _table = table;
        var started = new TaskCompletionSource();
        _liveTask = AnsiConsole.Live(table).StartAsync(async ctx =>
        {
            _live = ctx;
            started.SetResult();
            await _scanDone.Task;
        });
        started.Task.Wait();
    }

    public void Point(ScanPoint point)
    {
        string[] cells = [point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), .. point.Row];
        if (_table is null)
        {
            Console.WriteLine(string.Join('\t', cells));
            return;
        }
        lock (_gate)
        {
            _table.AddRow(cells);
            _live!.Refresh();
        }
    }

    public void Outage(RedisOutageNotice notice)
    {
        switch (notice.Kind)
        {
            case RedisOutageKind.Lost:
                var line = $"Redis at {notice.Url} stopped answering while {notice.What} ({notice.Cause}); the scan waits for it up to {notice.Timeout.TotalSeconds:0} s and loses nothing it acquired";
                if (_table is null) Console.Error.WriteLine($"testbed demo: {line}");
                else StartCountdown(line, notice.Timeout);
                break;
            case RedisOutageKind.Back:
                StopCountdown($"Redis at {notice.Url} answers again after {notice.Elapsed.TotalSeconds:0.0} s; the scan goes on");
                break;
            case RedisOutageKind.GaveUp:
                StopCountdown($"Redis at {notice.Url} did not answer for {notice.Elapsed.TotalSeconds:0} s; giving up");
                break;
        }
    }

    /// <summary>Shows how the run ended (the scan key last, alone on its line) and returns the exit status.</summary>
    public int Finish(DemoResult result)
    {
        EndLive();
        switch (result.Outcome)
        {
            case DemoOutcome.Succeeded:
                if (_interactive) AnsiConsole.MarkupLineInterpolated($"[green]{result.Message}[/]");
                else Console.WriteLine(result.Message);
                break;
            case DemoOutcome.Interrupted:
                Console.Error.WriteLine("testbed demo: interrupted");
                break;
            default:
                Console.Error.WriteLine($"testbed demo: {result.Message}");
                break;
        }
        if (result.ScanKey is not null) Console.WriteLine(result.ScanKey);
        return result.Outcome switch
        {
            DemoOutcome.Succeeded => ExitCodes.Success,
            DemoOutcome.Refused => ExitCodes.Usage,
            DemoOutcome.Interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.Failure,
        };
    }

    private void StartCountdown(string line, TimeSpan timeout)
    {
        var cts = new CancellationTokenSource();
        _countdown = cts;
        var end = DateTimeOffset.UtcNow + timeout;
        _ = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var left = Math.Max(0, (end - DateTimeOffset.UtcNow).TotalSeconds);
                lock (_gate)
                {
                    _table!.Caption($"{Markup.Escape(line)} — {left:0} s left");
                    _live!.Refresh();
                }
                try { await Task.Delay(TimeSpan.FromSeconds(1), cts.Token); }
                catch (OperationCanceledException) { }
            }
        });
    }

    private void StopCountdown(string line)
    {
        _countdown?.Cancel();
        if (_table is null)
        {
            Console.Error.WriteLine($"testbed demo: {line}");
            return;
        }
        lock (_gate)
        {
            _table.Caption(Markup.Escape(line));
            _live!.Refresh();
        }
    }

    private void EndLive()
    {
        _countdown?.Cancel();
        _scanDone.TrySetResult();
        _liveTask?.GetAwaiter().GetResult();
        _liveTask = null;
        _table = null;
    }

    public ValueTask DisposeAsync()
    {
        EndLive();
        _countdown?.Dispose();
        return ValueTask.CompletedTask;
    }
}
