using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files.Swmr;

/// <summary>Stream-mode files of one series written as <see cref="SwmrFrameFile"/>s (filewriter <c>swmr_mode</c>): opened at a
/// frame under the temporary name, readable by SWMR readers while open, closed at nimages_per_file or at the end of the
/// series, then handed to <paramref name="publish"/> (rename and announce).</summary>
public sealed class SwmrStream(FileWriterSettings settings, TimeProvider performanceClock, Func<string> nextName,
    Action<string, string, string, int, int> publish)
{
    private SwmrFrameFile? _open;
    private string _path = "";
    private int _capacity;
    private int _firstId;

    /// <summary>Refuses settings SWMR mode cannot serve; throws <see cref="DetectorCommandException"/> naming what to change.</summary>
    public static void Check(FileWriterSettings settings)
    {
        if (settings.Layout != FileLayout.AreaDetector || settings.Format != FileFormat.Hdf5 || settings.WriteMode != FileWriteMode.Stream)
            throw new DetectorCommandException("swmr_mode writes areaDetector HDF5 files in stream mode; set file_layout areadetector, file_format hdf5 and file_write_mode stream, or swmr_mode false");
        RequireLibrary();
    }

    /// <summary>Throws <see cref="DetectorCommandException"/> when libhdf5 cannot be loaded (the message names the package).</summary>
    public static void RequireLibrary()
    {
        try { _ = H5.Ids; }
        catch (Hdf5UnavailableException e) { throw new DetectorCommandException(e.Message); }
    }

    /// <summary>Appends a frame, opening a file first if none is open; <paramref name="remaining"/> counts this frame and the ones after it.</summary>
    public void Write(Frame frame, int remaining)
    {
        if (_open is null)
        {
            _path = nextName();
            _capacity = settings.FramesPerFile > 0 ? Math.Min(settings.FramesPerFile, remaining) : remaining;
            _firstId = frame.UniqueId;
            try { _open = SwmrFrameFile.Create(_path + settings.TempSuffix, frame.Width, frame.Height, frame.Type, performanceClock, settings.FramesPerFlush, settings.FramesPerChunk); }
            catch { TryDelete(_path + settings.TempSuffix); throw; }
        }
        _open.Append(frame);
        if (_open.Count >= _capacity) Finish();
    }

    /// <summary>Closes the open file (if any) and publishes it.</summary>
    public void Finish()
    {
        if (_open is null) return;
        var file = _open;
        _open = null;
        var temp = _path + settings.TempSuffix;
        try
        {
            file.Close();
            publish(temp, _path, SwmrFrameFile.DataPath, file.Count, _firstId);
        }
        catch
        {
            file.Dispose();
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Drops the open file (abort, writer failure): nothing of it is announced.</summary>
    public void Drop()
    {
        if (_open is null) return;
        _open.Dispose();
        _open = null;
        TryDelete(_path + settings.TempSuffix);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
