using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Detector;

/// <summary>An <see cref="IAreaDetector"/> over SIMPLON REST: configures and arms the detector and its file writer, triggers,
/// waits for the series, and maps every frame to (file, data set, index) from the file writer's list, never reading pixels.</summary>
public sealed class SimplonDetector : IAreaDetector
{
    private const string DefaultDataPath = "/entry/data/data";
    private readonly SimplonClient _client;
    private readonly TimeProvider _time;
    private AreaDetectorSettings _settings = new(0.1);
    private HashSet<string> _filesBefore = [];
    private string _dataPath = DefaultDataPath;

    /// <param name="options">Where the detector and its data root are.</param>
    /// <param name="time">Paces status polling (real time for hardware; any TimeProvider in tests).</param>
    /// <param name="handler">HTTP handler (default: sockets).</param>
    /// <param name="wireTime">The clock request timeouts are measured on (default: <paramref name="time"/>); give real time when
    /// <paramref name="time"/> runs faster than real time, since an HTTP exchange does not scale.</param>
    public SimplonDetector(SimplonDetectorOptions options, TimeProvider? time = null, HttpMessageHandler? handler = null, TimeProvider? wireTime = null)
    {
        Options = options;
        _time = time ?? TimeProvider.System;
        _client = new SimplonClient(options, handler, wireTime ?? _time);
    }

    public SimplonDetectorOptions Options { get; }

    public string Name => Options.Name;

    public string DataDirectory => Options.DataDirectory;

    /// <summary>The low-level client, for keys this abstraction does not cover.</summary>
    public SimplonClient Client => _client;

    /// <summary>The detector state (<c>na</c>, <c>idle</c>, <c>ready</c>, <c>acquire</c>, <c>error</c> …).</summary>
    public async Task<string> StateAsync(CancellationToken cancellationToken = default) =>
        await _client.GetStringAsync("detector", "status", "state", cancellationToken) ?? "";

    /// <summary>Initializes the detector (also leaves the error state).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _client.CommandAsync("detector", "initialize", timeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);

    public async Task ConfigureAsync(AreaDetectorSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.CountTime <= 0 || settings.Images < 1 || settings.Triggers < 1 || settings.FramesPerFile < 0)
            throw new ArgumentException($"{Name}: count time must be > 0, images and triggers ≥ 1, frames per file ≥ 0 (got {settings})", nameof(settings));
        if (await StateAsync(cancellationToken) == "na") await InitializeAsync(cancellationToken);
        var mode = settings.Trigger switch { DetectorTrigger.SoftwareGate => "inte", DetectorTrigger.External => "exts", _ => "ints" };
        await _client.SetAsync("detector", "trigger_mode", mode, cancellationToken);
        await _client.SetAsync("detector", "count_time", settings.CountTime, cancellationToken);
        if (settings.FrameTime is { } period) await _client.SetAsync("detector", "frame_time", period, cancellationToken);
        await _client.SetAsync("detector", "nimages", settings.Images, cancellationToken);
        await _client.SetAsync("detector", "ntrigger", settings.Triggers, cancellationToken);
        await _client.SetAsync("filewriter", "mode", "enabled", cancellationToken);
        await _client.SetAsync("filewriter", "name_pattern", settings.NamePattern, cancellationToken);
        await _client.SetAsync("filewriter", "nimages_per_file", settings.FramesPerFile, cancellationToken);
        // areaDetector-style keys of the twin; a detector without them accepts only the defaults.
        await SetExtensionAsync("file_path", settings.FilePath, settings.FilePath.Length == 0, cancellationToken);
        await SetExtensionAsync("file_format", settings.Format == DetectorFileFormat.Tiff ? "tiff" : "hdf5", settings.Format == DetectorFileFormat.Hdf5, cancellationToken);
        await SetExtensionAsync("file_write_mode", "stream", true, cancellationToken);
        // Fixed names let a caller announce the files before the series starts; a detector that cannot take them must say so.
        if (settings.FileTemplate is { } template) await SetNamingAsync("file_template", template, cancellationToken);
        if (settings.FileNumber is { } number)
        {
            await SetNamingAsync("file_number", number, cancellationToken);
            await SetNamingAsync("auto_increment", true, cancellationToken);
        }
        if (settings.Preview) await _client.SetAsync("monitor", "mode", "enabled", cancellationToken);
        _dataPath = await OptionalValueAsync("filewriter", "config", "data_path", cancellationToken) ?? DefaultDataPath;
        _settings = settings;
    }

    /// <summary>The HDF5 data set holding the frames, as the file writer reported it at the last <see cref="ConfigureAsync"/>.</summary>
    public string DataPath => _dataPath;

    /// <summary>Frame width, height and pixel type (numpy name): <c>pixel_type</c> where the detector has it, else from <c>bit_depth_image</c>.</summary>
    public async Task<FrameGeometry> FrameGeometryAsync(CancellationToken cancellationToken = default)
    {
        var width = await _client.GetInt32Async("detector", "config", "x_pixels_in_detector", cancellationToken);
        var height = await _client.GetInt32Async("detector", "config", "y_pixels_in_detector", cancellationToken);
        var pixel = await OptionalValueAsync("detector", "config", "pixel_type", cancellationToken)
                    ?? $"uint{await _client.GetInt32Async("detector", "config", "bit_depth_image", cancellationToken)}";
        return new FrameGeometry(width, height, pixel);
    }

    public async Task<int> ArmAsync(CancellationToken cancellationToken = default)
    {
        _filesBefore = [.. await FilesAsync(cancellationToken)];
        var reply = await _client.CommandAsync("detector", "arm", timeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        if (reply is { ValueKind: JsonValueKind.Object } r && (r.TryGetProperty("sequence id", out var id) || r.TryGetProperty("series id", out id))
            && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var sequence))
            return sequence;
        throw new SimplonRequestException($"{Name}: arm at {Options.Url} replied without a sequence id: {reply}");
    }

    public async Task TriggerAsync(double? exposure = null, CancellationToken cancellationToken = default)
    {
        if (_settings.Trigger == DetectorTrigger.External)
            throw new InvalidOperationException($"{Name} is configured for external triggers; pulse its trigger input instead");
        // The trigger command returns when its images are taken.
        var images = _settings.Trigger == DetectorTrigger.SoftwareGate ? 1 : _settings.Images;
        var duration = TimeSpan.FromSeconds(images * Math.Max(_settings.FrameTime ?? 0, exposure ?? _settings.CountTime));
        JsonNode? body = _settings.Trigger == DetectorTrigger.SoftwareGate ? new JsonObject { ["value"] = exposure ?? _settings.CountTime } : null;
        try
        {
            await _client.CommandAsync("detector", "trigger", body, duration + Options.RequestTimeout, cancellationToken);
        }
        catch (SimplonRequestException e) when (e is { Status: null, InnerException: OperationCanceledException } && !cancellationToken.IsCancellationRequested)
        {
            // The trigger of a series' last images returns once its files are closed: a slow disk shows here first.
            throw new SimplonRequestException($"{e.Message}{await ProgressAsync(cancellationToken)}", null, e);
        }
    }

    public async Task<IReadOnlyList<FrameReference>> FinishEarlyAsync(int framesAcquired, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await StopAsync(abort: false, cancellationToken);
        return await WaitAsync(timeout, cancellationToken, framesAcquired);
    }

    public Task<IReadOnlyList<FrameReference>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(timeout, cancellationToken, null);

    private async Task<IReadOnlyList<FrameReference>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken, int? frames)
    {
        var start = _time.GetTimestamp();
        string state, writer;
        while (true)
        {
            state = await StateAsync(cancellationToken);
            if (state == "error")
            {
                var error = await _client.GetValueAsync("detector", "status", "error", cancellationToken);
                throw new SimplonRequestException($"{Name}: the detector at {Options.Url} is in error: {error}; call InitializeAsync to recover");
            }
            writer = await _client.GetStringAsync("filewriter", "status", "state", cancellationToken) ?? "";
            if (state == "idle" && writer != "acquire") break;
            if (_time.GetElapsedTime(start) > timeout)
                throw new TimeoutException($"{Name}: the series at {Options.Url} did not finish within {timeout.TotalSeconds:0.###} s (detector '{state}', file writer '{writer}'){await ProgressAsync(cancellationToken)}");
            await Task.Delay(Options.PollInterval, _time, cancellationToken);
        }
        var files = (await FilesAsync(cancellationToken)).Where(f => !_filesBefore.Contains(f)).ToList();
        await RequireNoneDroppedAsync(files, cancellationToken);
        return FrameReferences.Map(Name, files, _settings, _dataPath, Options.DataDirectory, frames);
    }

    /// <summary>Frames lost between the sensor and the files (<c>filewriter/status/dropped</c>, where the detector has it) leave the
    /// files short of the series: say how many, rather than map frames that are not there.</summary>
    private async Task RequireNoneDroppedAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (await OptionalCountAsync("dropped", cancellationToken) is not ({ } dropped and > 0)) return;
        var written = await OptionalCountAsync("num_captured", cancellationToken) ?? 0;
        throw new SimplonRequestException(
            $"{Name}: {written} of {written + dropped} frames written, {dropped} dropped between the sensor and the files (filewriter/status/dropped at {Options.Url}); " +
            $"the files hold only the frames written ({(files.Count == 0 ? "none" : string.Join(", ", files))}), NDArrayUniqueId tells which; repeat the series");
    }

    /// <summary>"; the file writer has 3 of 10 frames, 7 waiting for the disk" where the detector reports it, else "".</summary>
    private async Task<string> ProgressAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await OptionalCountAsync("num_captured", cancellationToken) is not { } written) return "";
            var queued = await OptionalCountAsync("queued", cancellationToken) ?? 0;
            return $"; the file writer has {written} of {_settings.TotalFrames} frames, {queued} waiting for the disk" +
                   (queued > 0 ? ": the disk is slower than the frames arrive; allow a longer timeout (http: timeout:) or check the detector's disk" : "");
        }
        catch (SimplonRequestException)
        {
            return "";
        }
    }

    private async Task<int?> OptionalCountAsync(string key, CancellationToken cancellationToken)
    {
        try { return await _client.GetInt32Async("filewriter", "status", key, cancellationToken); }
        catch (SimplonRequestException e) when (e.Status == 404) { return null; }
    }

    public Task StopAsync(bool abort, CancellationToken cancellationToken = default) =>
        _client.CommandAsync("detector", abort ? "abort" : "cancel", timeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);

    public Task<byte[]?> PreviewAsync(CancellationToken cancellationToken = default) =>
        _client.GetBytesOrNullAsync($"/monitor/api/{SimplonClient.Version}/images/monitor", cancellationToken);

    private async Task<IReadOnlyList<string>> FilesAsync(CancellationToken cancellationToken)
    {
        return await _client.GetStringListAsync("filewriter", "status", "files", cancellationToken);
    }

    private async Task SetExtensionAsync(string key, string value, bool isDefault, CancellationToken cancellationToken)
    {
        try { await _client.SetAsync("filewriter", key, value, cancellationToken); }
        catch (SimplonRequestException e) when (e.Status == 404 && isDefault) { }
    }

    private async Task SetNamingAsync(string key, JsonNode value, CancellationToken cancellationToken)
    {
        try { await _client.SetAsync("filewriter", key, value, cancellationToken); }
        catch (SimplonRequestException e) when (e.Status == 404)
        {
            throw new SimplonRequestException(
                $"{Name}: the file writer at {Options.Url} has no '{key}' key, so it cannot be given fixed file names; leave FileTemplate and FileNumber unset for this detector", 404, e);
        }
    }

    private async Task<string?> OptionalValueAsync(string module, string task, string key, CancellationToken cancellationToken)
    {
        try { return await _client.GetStringAsync(module, task, key, cancellationToken); }
        catch (SimplonRequestException e) when (e.Status == 404) { return null; }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
