using Testbed.Twin.Detector.Files.Layout;
using Testbed.Twin.Detector.Files.Swmr;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>The detector's file writer: names files from the settings, writes HDF5 or TIFF per write mode (areaDetector layout)
/// or SIMPLON master/data files (<see cref="FileLayout.Simplon"/>), and announces each file only once it is complete,
/// closed and renamed from its temporary name.</summary>
public sealed class FileSeriesWriter : IFrameSink
{
    private readonly object _gate = new();
    private readonly List<ClosedFile> _files = [];
    private readonly List<Frame> _captured = [];
    private readonly TimeProvider _performanceClock;
    private SeriesInfo? _series;
    private string _directory = "";
    private string _name = "";
    private int _framesSeen;
    private Hdf5FrameFile? _open;
    private string? _openPath;
    private int _firstIdOfOpen;
    private SimplonSeries? _simplon;
    private SwmrStream? _swmr;
    private readonly DiskQueue _disk;
    private long _framesReceived;
    private int _dropped;
    private int _accepted;

    /// <param name="root">Every file stays under it.</param>
    /// <param name="manufacturer">Make/Manufacturer written into files.</param>
    /// <param name="model">Model written into files.</param>
    /// <param name="performanceClock">Times the writer for /entry/instrument/performance (real time: it measures the writer, not the simulated detector).</param>
    /// <param name="clock">The twin's time, which a slow disk's writes take (default: <paramref name="performanceClock"/>).</param>
    public FileSeriesWriter(DataRoot root, TimeProvider performanceClock, string manufacturer = "Simulated detector", string model = "Testbed SIMPLON twin", TimeProvider? clock = null)
    {
        Root = root;
        _performanceClock = performanceClock;
        _disk = new DiskQueue(clock ?? performanceClock);
        Manufacturer = manufacturer;
        Model = model;
    }

    public DataRoot Root { get; }

    public FileWriterSettings Settings { get; } = new();

    public string Manufacturer { get; }

    public string Model { get; }

    /// <summary>ready, acquire, disabled or error (SIMPLON filewriter state).</summary>
    public string State
    {
        get
        {
            lock (_gate)
                return Error is not null ? "error" : !Settings.Enabled ? "disabled" : _series is not null ? "acquire" : "ready";
        }
    }

    public string? Error { get; private set; }

    /// <summary>True while a disk-full fault holds: every write fails as a full disk fails it (ENOSPC), the file being written is dropped.</summary>
    public bool DiskFull { get; set; }

    /// <summary>Frames lost before they reach the writer while a dropped-frames fault holds (null: none lost).</summary>
    public FrameLoss? Loss { get; set; }

    /// <summary>Extra twin time each frame's write takes while a slow-disk fault holds (zero: none); frames queue, none is lost.</summary>
    public TimeSpan ExtraWriteTime { get; set; }

    /// <summary>Frames of the current (or last) series that never reached a file (lost by <see cref="Loss"/>; NDPluginDriver DroppedArrays).</summary>
    public int Dropped { get { lock (_gate) return _dropped; } }

    /// <summary>Frames of the current (or last) series written into files so far (areaDetector NumCaptured_RBV).</summary>
    public int Captured { get { lock (_gate) return _accepted; } }

    /// <summary>Frames waiting for the disk (a slow disk).</summary>
    public int Queued => _disk.Queued;

    /// <summary>Writes the frames queued for a slow disk now, without their delays (the twin stopping mid-series).</summary>
    public void HurryDisk() => _disk.Hurry();

    /// <summary>The detector configuration to record in a SIMPLON master file, read at arm; required for <see cref="FileLayout.Simplon"/>.</summary>
    public Func<SeriesInfo, SimplonMetadata>? Metadata { get; set; }

    /// <summary>The last full file name built (FullFileName_RBV), absolute.</summary>
    public string? FullFileName { get; private set; }

    /// <summary>Every file announced so far, oldest first.</summary>
    public IReadOnlyList<ClosedFile> Files { get { lock (_gate) return [.. _files]; } }

    /// <summary>Raised once per file, after it is closed and renamed.</summary>
    public event Action<ClosedFile>? FileClosed;

    /// <summary>Deletes every announced file (SIMPLON filewriter <c>clear</c>).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var f in _files) File.Delete(f.Path);
            _files.Clear();
        }
    }

    /// <summary>Deletes one announced file and drops it from the list (SIMPLON <c>DELETE /data/&lt;name&gt;</c>).</summary>
    public bool Remove(string relativePath)
    {
        lock (_gate)
        {
            var f = _files.FirstOrDefault(x => x.RelativePath == relativePath);
            if (f is null) return false;
            File.Delete(f.Path);
            _files.Remove(f);
            return true;
        }
    }

    public Task BeginSeriesAsync(SeriesInfo series, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Error = null;
            if (!Settings.Enabled) return Task.CompletedTask;
            var directory = FilePathCreation.Ensure(Root, Settings.FilePath, Settings.CreateDirectory);
            ProbeWritable(directory);
            if (DiskFull) throw new IOException($"cannot write in '{directory}': No space left on device (disk_full fault)");
            _directory = directory;
            _name = Settings.NamePattern.Replace("$id", series.SequenceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Settings.SwmrMode) SwmrStream.Check(Settings);
            RefuseExisting(directory);
            _simplon = Settings.Layout == FileLayout.Simplon ? StartSimplon(series) : null;
            _swmr = Settings.SwmrMode ? new SwmrStream(Settings, _performanceClock, NextName, Publish) : null;
            _series = series;
            _framesSeen = 0;
            _captured.Clear();
            _dropped = 0;
            _accepted = 0;
            _disk.Reset();
        }
        return Task.CompletedTask;
    }

    public Task WriteFrameAsync(Frame frame, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_series is null) return Task.CompletedTask;
            var seen = ++_framesSeen;
            var index = _framesReceived++;
            if (Loss is { } loss && loss.Loses(index))
            {
                _dropped++;
                return Task.CompletedTask;
            }
            if (_disk.Failure is { } failed) throw new IOException(Error ?? failed.Message, failed);
            if (ExtraWriteTime > TimeSpan.Zero || _disk.Queued > 0)
            {
                // Behind a slow disk (or frames still queued there): the write waits its turn, in order.
                _disk.Enqueue(frame.Timestamp, ExtraWriteTime, () => { lock (_gate) WriteChecked(frame, seen); });
                return Task.CompletedTask;
            }
            WriteChecked(frame, seen);
        }
        return Task.CompletedTask;
    }

    private void WriteChecked(Frame frame, int seen)
    {
        if (_series is null) return;
        try
        {
            Write(frame, seen);
            _accepted++;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            throw new IOException(Error, e);
        }
    }

    public async Task EndSeriesAsync(bool keep, CancellationToken cancellationToken)
    {
        // A slow disk finishes its queue first (abort drops it): the series ends when its last frame is on disk.
        if (keep)
        {
            try { await _disk.DrainAsync().WaitAsync(cancellationToken); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { keep = false; }
        }
        if (!keep) await _disk.CancelAsync();
        lock (_gate)
        {
            if (_series is null) return;
            if (_disk.Failure is { } failed)
            {
                _series = null;
                _simplon = null;
                _swmr = null;
                throw new IOException(Error ?? failed.Message, failed);
            }
            try
            {
                if (_swmr is not null)
                {
                    if (keep) _swmr.Finish();
                    else _swmr.Drop();
                }
                else if (_simplon is not null)
                {
                    if (keep) _simplon.Finish();
                    else _simplon.Drop();
                }
                else if (keep)
                {
                    if (_captured.Count > 0) WriteCaptured();
                    if (_open is not null) CloseOpen();
                }
                else
                {
                    DropOpen();
                    _captured.Clear();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
                throw new IOException(Error, e);
            }
            finally
            {
                _series = null;
                _simplon = null;
                _swmr = null;
            }
        }
    }

    private void Write(Frame frame, int seen)
    {
        if (DiskFull) throw new IOException("No space left on device (disk_full fault)");
        if (_simplon is not null) { _simplon.Write(frame); return; }
        if (_swmr is not null) { _swmr.Write(frame, _series!.TotalImages - seen + 1); return; }
        if (Settings.Format == FileFormat.Tiff) { WriteTiff(frame); return; }
        switch (Settings.WriteMode)
        {
            case FileWriteMode.Single:
                WriteHdf5([frame], single: true);
                break;
            case FileWriteMode.Capture:
                _captured.Add(frame);
                if (_captured.Count >= Math.Max(1, Settings.FramesPerFile)) WriteCaptured();
                break;
            default:
                if (_open is null)
                {
                    var remaining = _series!.TotalImages - seen + 1;
                    var n = Settings.FramesPerFile > 0 ? Math.Min(Settings.FramesPerFile, remaining) : remaining;
                    OpenHdf5(frame, n);
                }
                _open!.Append(frame);
                if (_open.Count == _open.Capacity) CloseOpen();
                break;
        }
    }

    private void WriteCaptured()
    {
        var frames = _captured.ToArray();
        _captured.Clear();
        WriteHdf5(frames, single: false);
    }

    private void WriteHdf5(IReadOnlyList<Frame> frames, bool single)
    {
        OpenHdf5(frames[0], frames.Count, single);
        foreach (var f in frames) _open!.Append(f);
        CloseOpen();
    }

    private void OpenHdf5(Frame first, int frames, bool single = false)
    {
        var path = NextName();
        var temp = path + Settings.TempSuffix;
        try
        {
            _open = Hdf5FrameFile.Create(temp, first.Width, first.Height, first.Type, frames, single, _performanceClock, Settings.FramesPerChunk, Manufacturer, Model, Settings.Hdf5Layout);
            _openPath = path;
            _firstIdOfOpen = first.UniqueId;
        }
        catch
        {
            TemporaryFile.TryDelete(temp);
            throw;
        }
    }

    private void CloseOpen()
    {
        var file = _open!;
        var path = _openPath!;
        var temp = path + Settings.TempSuffix;
        _open = null;
        _openPath = null;
        // Frames lost on the way: the file says so, and holds (and its data set claims) only the frames that arrived.
        var note = _dropped > 0
            ? $"incomplete: {_dropped} frame(s) of this series were dropped before the file writer (dropped_frames fault); this file holds the {file.Count} that arrived (NDArrayUniqueId tells which)"
            : null;
        TemporaryFile.CloseSizedAndPublish(file, temp, () => Publish(temp, path, file.DatasetPath, file.Count, _firstIdOfOpen), note);
    }

    private void DropOpen()
    {
        if (_open is null) return;
        var temp = _openPath! + Settings.TempSuffix;
        _open.Dispose();
        _open = null;
        _openPath = null;
        TemporaryFile.TryDelete(temp);
    }

    private void WriteTiff(Frame frame)
    {
        var path = NextName();
        var temp = path + Settings.TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                TiffFrameWriter.Write(stream, frame, Manufacturer, Model, TiffFrameWriter.DefaultAttributes(frame));
            }
            Publish(temp, path, null, 1, frame.UniqueId);
        }
        catch
        {
            TemporaryFile.TryDelete(temp);
            throw;
        }
    }

    private SimplonSeries StartSimplon(SeriesInfo series)
    {
        if (Settings.Format != FileFormat.Hdf5)
            throw new DetectorCommandException("file_layout simplon writes HDF5 master and data files; set file_format to hdf5 or file_layout to areadetector");
        SimplonMasterFile.RequireLibrary();
        var metadata = Metadata?.Invoke(series)
            ?? throw new DetectorCommandException("file_layout simplon needs the detector metadata for the master file, and this writer has no source for it");
        return new SimplonSeries(_directory, _name, series, metadata, Settings, (temp, path, dataset, frames, firstId) =>
        {
            FullFileName = path;
            Publish(temp, path, dataset, frames, firstId);
        });
    }

    private void Publish(string temp, string path, string? dataset, int frames, int firstId)
    {
        // Never over an existing file: a name taken since arm fails the series instead of destroying someone's data.
        if (temp != path) File.Move(temp, path, overwrite: false);
        var closed = new ClosedFile(path, Root.Relative(path), dataset, frames, firstId);
        _files.Add(closed);
        FileClosed?.Invoke(closed);
    }

    /// <summary>Builds the next name from the template; FileNumber moves on after each name when AutoIncrement is set.</summary>
    private string NextName()
    {
        var dir = _directory.EndsWith('/') ? _directory : _directory + "/";
        var name = Settings.Template.Format(dir, _name, Settings.FileNumber);
        if (Settings.AutoIncrement) Settings.FileNumber++;
        var full = Path.GetFullPath(name);
        if (!full.StartsWith(Root.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new IOException($"file template '{Settings.Template}' builds '{name}', outside the data root");
        if (File.Exists(full)) throw Exists(full);
        FullFileName = full;
        return full;
    }

    /// <summary>Refuses the series at arm when its first file is already there (the detector never overwrites).</summary>
    private void RefuseExisting(string directory)
    {
        if (Settings.Layout == FileLayout.Simplon) return;
        var dir = directory.EndsWith('/') ? directory : directory + "/";
        var first = Path.GetFullPath(Settings.Template.Format(dir, _name, Settings.FileNumber));
        if (File.Exists(first)) throw new DetectorCommandException(Exists(first).Message);
    }

    private static IOException Exists(string path) =>
        new($"'{path}' already exists and the detector never overwrites a file; move it away, or arm with another file_number, name_pattern or file_path");

    private static void ProbeWritable(string directory)
    {
        var probe = Path.Combine(directory, $".probe-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe)) { }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write in '{directory}': {e.Message}", e);
        }
    }

    private void Fail(Exception e)
    {
        _simplon?.Drop();
        _swmr?.Drop();
        DropOpen();
        _captured.Clear();
        Error = $"file writer: {e.Message} (data root '{Root.Path}'); no file of this series was announced after the failure; free space or choose another file_path, then initialize";
    }
}
