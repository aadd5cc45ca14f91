namespace Testbed.Twin.Detector.Model;

/// <summary>A 2D detector: SIMPLON state machine (B5.2), series acquisition in virtual time, frames handed to a sink.</summary>
/// <remarks>
/// na –initialize→ idle –arm→ ready –trigger/external trigger→ acquire → ready (more triggers due) or idle
/// (series complete, files closed: auto-disarm); disarm/cancel/abort → idle. A sink failure → error, left only by
/// initialize. Frame k of a trigger ends its exposure at t0 + k·frame_time + count_time on the injected clock.
/// </remarks>
public sealed class DetectorModel
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly IFrameSink _sink;
    private DetectorState _state = DetectorState.Na;
    private string? _error;
    private SeriesInfo? _series;
    private int _triggersDone;
    private long _frameNumber;
    private int _arrayCounter;
    private Task _acquisition = Task.CompletedTask;
    private CancellationTokenSource _abort = new();
    private bool _cancelRequested;

    public DetectorModel(TimeProvider clock, FrameSynthesizer synthesizer, IFrameSink sink, double readoutTime = 1e-5)
    {
        _clock = clock;
        Synthesizer = synthesizer;
        _sink = sink;
        Timing = new DetectorTiming(readoutTime);
    }

    public FrameSynthesizer Synthesizer { get; }

    public DetectorTiming Timing { get; }

    public int Width => Synthesizer.Width;

    public int Height => Synthesizer.Height;

    public PixelType PixelType => Synthesizer.Type;

    public DetectorState State { get { lock (_gate) return _state; } }

    /// <summary>The reason for the error state, or null.</summary>
    public string? Error { get { lock (_gate) return _error; } }

    /// <summary>The id returned by the latest arm (0 before the first).</summary>
    public int SequenceId { get; private set; }

    /// <summary>Frames made since initialize (NDArrayUniqueId of the latest frame).</summary>
    public int ArrayCounter { get { lock (_gate) return _arrayCounter; } }

    /// <summary>The newest frame (the monitor image), or null.</summary>
    public Frame? LatestFrame { get; private set; }

    /// <summary>Raised after every frame handed to the sink.</summary>
    public event Action<Frame>? FrameAcquired;

    /// <summary>Raised for each frame once made and before it is written (fault timelines count frames here).</summary>
    public event Action<Frame>? FrameMade;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Resets to idle from any state, dropping a running series.</summary>
    public async Task InitializeAsync()
    {
        await StopAsync(keep: false);
        lock (_gate)
        {
            _state = DetectorState.Idle;
            _error = null;
            _arrayCounter = 0;
            _frameNumber = 0;
        }
    }

    /// <summary>Throws unless configuration may change now (only while idle, as on the real detector).</summary>
    public void RequireConfigurable(string key)
    {
        lock (_gate)
        {
            if (_state == DetectorState.Na) throw new DetectorCommandException($"cannot set {key}: the detector is not initialized; PUT detector/api/1.8.0/command/initialize first");
            if (_state != DetectorState.Idle) throw new DetectorCommandException($"cannot set {key} while the detector is {_state.Name()}; disarm first");
        }
    }

    public async Task<int> ArmAsync(CancellationToken cancellationToken = default)
    {
        SeriesInfo series;
        lock (_gate)
        {
            RequireState("arm", DetectorState.Idle);
            // inte: every trigger is one image of the length given with it.
            var perTrigger = Timing.TriggerMode == TriggerMode.Inte ? 1 : Timing.NImages;
            series = new SeriesInfo(SequenceId + 1, Width, Height, PixelType, perTrigger, Timing.NTrigger, Timing.TriggerMode);
            _state = DetectorState.Configure;
        }
        try
        {
            await _sink.BeginSeriesAsync(series, cancellationToken);
        }
        catch (DetectorCommandException e)
        {
            // A refused file setting: nothing happened, the detector stays idle.
            lock (_gate) _state = DetectorState.Idle;
            throw new DetectorCommandException($"arm refused: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"arm failed: {e.Message}");
            throw new DetectorCommandException($"arm failed: {e.Message}");
        }
        lock (_gate)
        {
            SequenceId = series.SequenceId;
            _series = series;
            _triggersDone = 0;
            _cancelRequested = false;
            _abort = new CancellationTokenSource();
            _state = DetectorState.Ready;
        }
        return series.SequenceId;
    }

    /// <summary>The <c>trigger</c> command (ints: nimages images; inte: one image of <paramref name="countTime"/>); completes when its images are done.</summary>
    public Task TriggerAsync(double? countTime = null)
    {
        lock (_gate)
        {
            RequireState("trigger", DetectorState.Ready);
            var mode = _series!.TriggerMode;
            if (mode == TriggerMode.Exts) throw new DetectorCommandException("trigger_mode is exts: the series starts on the external trigger input, not on the trigger command");
            if (mode == TriggerMode.Inte)
            {
                var t = countTime ?? Timing.CountTime;
                if (!double.IsFinite(t) || t < DetectorTiming.MinCountTime || t > DetectorTiming.MaxCountTime)
                    throw new DetectorCommandException($"trigger value {t} s is out of range {DetectorTiming.MinCountTime}…{DetectorTiming.MaxCountTime} s");
                return StartTrigger(1, t, t + Timing.ReadoutTime);
            }
            return StartTrigger(_series.ImagesPerTrigger, Timing.CountTime, Timing.FrameTime);
        }
    }

    /// <summary>The external trigger input (exts): a pulse while ready starts nimages images; pulses at other times are ignored, as hardware does.</summary>
    /// <returns>Completes when the triggered images are done; false if the pulse was ignored.</returns>
    public async Task<bool> ExternalTriggerAsync()
    {
        Task run;
        lock (_gate)
        {
            if (_state != DetectorState.Ready || _series!.TriggerMode != TriggerMode.Exts) return false;
            run = StartTrigger(_series.ImagesPerTrigger, Timing.CountTime, Timing.FrameTime);
        }
        await run;
        return true;
    }

    /// <summary>Closes the series (writes what was acquired) and returns to idle.</summary>
    public async Task<int> DisarmAsync()
    {
        await StopAsync(keep: true);
        return SequenceId;
    }

    /// <summary>Stops after the current image, keeps the data, returns to idle.</summary>
    public Task<int> CancelAsync() => DisarmAsync();

    /// <summary>Stops now and drops unfinished files.</summary>
    public async Task<int> AbortAsync()
    {
        await StopAsync(keep: false);
        return SequenceId;
    }

    /// <summary>Waits for the running trigger (if any) to finish.</summary>
    public Task WhenTriggerDoneAsync() { lock (_gate) return _acquisition; }

    private Task StartTrigger(int images, double exposure, double period)
    {
        _state = DetectorState.Acquire;
        var token = _abort.Token;
        // The series starts when the trigger arrives, not when the worker gets scheduled.
        var t0 = _clock.GetUtcNow();
        _acquisition = Task.Run(() => AcquireAsync(t0, images, exposure, period, token));
        return _acquisition;
    }

    private async Task AcquireAsync(DateTimeOffset t0, int images, double exposure, double period, CancellationToken token)
    {
        try
        {
            for (var k = 0; k < images; k++)
            {
                var due = t0 + TimeSpan.FromSeconds(k * period + exposure) - _clock.GetUtcNow();
                if (due > TimeSpan.Zero) await Task.Delay(due, _clock, token);
                Frame frame;
                lock (_gate)
                {
                    _arrayCounter++;
                    frame = Synthesizer.Make(_frameNumber++, _arrayCounter, exposure, t0 + TimeSpan.FromSeconds(k * period + exposure));
                }
                LatestFrame = frame;
                FrameMade?.Invoke(frame);
                await _sink.WriteFrameAsync(frame, token);
                FrameAcquired?.Invoke(frame);
                lock (_gate) if (_cancelRequested) return;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // Any sink failure (I/O or a writer bug) must surface as the error state, never leave the detector acquiring.
            Fail($"writing frame failed: {(e is IOException or UnauthorizedAccessException or DetectorCommandException ? "" : e.GetType().Name + ": ")}{e.Message}");
            await SafeEndAsync(keep: false);
            return;
        }
        bool seriesDone;
        lock (_gate)
        {
            _triggersDone++;
            seriesDone = _triggersDone >= _series!.Triggers;
            if (!seriesDone) _state = DetectorState.Ready;
        }
        // An abort while the files are finished (frames still queued for a slow disk) cancels the wait and drops them.
        if (seriesDone) await FinishSeriesAsync(keep: true, token);
    }

    private async Task StopAsync(bool keep)
    {
        Task running;
        lock (_gate)
        {
            running = _acquisition;
            if (_series is null)
            {
                // The last images are taken and the files are being finished (a slow disk catching up): abort drops what is
                // queued, disarm waits for it.
                if (running.IsCompleted) return;
                if (!keep) _abort.Cancel();
            }
            else if (keep) _cancelRequested = true;
            else _abort.Cancel();
        }
        await running;
        await FinishSeriesAsync(keep);
    }

    private async Task FinishSeriesAsync(bool keep, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_series is null) return;
            _series = null;
        }
        try
        {
            await _sink.EndSeriesAsync(keep, cancellationToken);
            lock (_gate) if (_state != DetectorState.Error) _state = DetectorState.Idle;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DetectorCommandException)
        {
            Fail($"closing files failed: {e.Message}");
        }
    }

    private async Task SafeEndAsync(bool keep)
    {
        lock (_gate) _series = null;
        try { await _sink.EndSeriesAsync(keep, CancellationToken.None); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DetectorCommandException) { }
    }

    private void Fail(string message)
    {
        lock (_gate)
        {
            _state = DetectorState.Error;
            _error = message;
        }
    }

    private void RequireState(string command, DetectorState expected)
    {
        if (_state == expected) return;
        var hint = _state switch
        {
            DetectorState.Na => "send initialize first",
            DetectorState.Error => $"the detector is in error ({_error}); send initialize to recover",
            DetectorState.Idle => "send arm first",
            DetectorState.Ready => "the detector is armed; trigger it or disarm",
            DetectorState.Acquire => "an acquisition is running; wait, cancel or abort",
            _ => "wait until it is " + expected.Name(),
        };
        throw new DetectorCommandException($"{command} is not allowed while the detector is {_state.Name()}: {hint}");
    }
}
