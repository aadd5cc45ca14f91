using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>A SIMPLON master holding the whole series itself (nimages_per_file 0), written through libhdf5: the master's tree
/// with <c>/entry/data/data_000001</c> <c>[n,Y,X]</c>, grown by one frame per <see cref="Append"/>.</summary>
/// <remarks>The first axis is unlimited, so a series stopped early leaves a file holding exactly its frames (no copy);
/// <c>@image_nr_low</c>/<c>@image_nr_high</c> are written at <see cref="Close"/>, when the count is known.</remarks>
internal sealed unsafe class SimplonFramesInMaster : IDisposable
{
    private readonly string _path;
    private readonly long _firstImageNr;
    private long _file = -1;
    private GrowingDataset? _data;

    private SimplonFramesInMaster(string path, int width, int height, PixelType type, long firstImageNr)
    {
        _path = path;
        Width = width;
        Height = height;
        Type = type;
        _firstImageNr = firstImageNr;
    }

    public int Width { get; }

    public int Height { get; }

    public PixelType Type { get; }

    public int Count => (int)(_data?.Count ?? 0);

    public static string DatasetPath => "/entry/data/" + SimplonMasterFile.LinkName(1);

    /// <summary>Creates (overwriting) the master with its metadata and an empty frame data set of <paramref name="framesPerChunk"/>-frame chunks.</summary>
    public static SimplonFramesInMaster Create(string path, int width, int height, PixelType type, long firstImageNr, int framesPerChunk, SimplonMetadata metadata)
    {
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        var file = new SimplonFramesInMaster(path, width, height, type, firstImageNr);
        lock (H5.Gate)
        {
            try
            {
                file.Lay(framesPerChunk, metadata);
            }
            catch
            {
                file.Release();
                throw;
            }
        }
        return file;
    }

    public void Append(Frame frame)
    {
        if (frame.Width != Width || frame.Height != Height || frame.Type != Type)
            throw new ArgumentException($"frame is {frame.Width}×{frame.Height} {frame.Type.Name()}, the file holds {Width}×{Height} {Type.Name()}");
        lock (H5.Gate)
        {
            H5.Enter();
            if (_data is null) throw new ObjectDisposedException(nameof(SimplonFramesInMaster), $"master file '{_path}' is closed");
            try
            {
                fixed (byte* p = frame.Bytes) _data.Append(p);
            }
            catch
            {
                Release();
                throw;
            }
        }
    }

    /// <summary>Writes the image numbers, closes the file and flushes it to the disk; an exception means the file is incomplete.</summary>
    public void Close()
    {
        lock (H5.Gate)
        {
            H5.Enter();
            if (_data is null) throw new ObjectDisposedException(nameof(SimplonFramesInMaster), $"master file '{_path}' is closed");
            try
            {
                H5Attributes.Long(_data.Id, "image_nr_low", _firstImageNr, _path);
                H5Attributes.Long(_data.Id, "image_nr_high", _firstImageNr + Count - 1, _path);
                _data.Close();
                _data = null;
                var file = _file;
                _file = -1;
                H5.Check(H5Native.H5Fclose(file), "H5Fclose", _path);
            }
            catch
            {
                Release();
                throw;
            }
        }
        SimplonMasterFile.FlushToDisk(_path);
    }

    /// <summary>Closes the file, ignoring errors (a file abandoned at abort or after a failure).</summary>
    public void Dispose()
    {
        lock (H5.Gate) Release();
    }

    private void Lay(int framesPerChunk, SimplonMetadata metadata)
    {
        _file = SimplonMasterFile.Create(_path);
        var entry = H5Attributes.Group(_file, "entry", "NXentry", _path);
        var data = -1L;
        try
        {
            data = H5Attributes.Group(entry, "data", "NXdata", _path);
            var (fileType, memType) = H5.PixelTypes(Type);
            _data = new GrowingDataset(data, SimplonMasterFile.LinkName(1), fileType, memType, [(ulong)Height, (ulong)Width], (ulong)framesPerChunk, _path);
            SimplonMasterFile.Instrument(entry, metadata, _path);
        }
        finally
        {
            H5.CloseQuietly(data, H5Native.H5Gclose);
            H5.CloseQuietly(entry, H5Native.H5Gclose);
        }
    }

    private void Release()
    {
        if (_file < 0 && _data is null) return;
        H5.Enter();
        _data?.Close();
        _data = null;
        H5.CloseQuietly(_file, H5Native.H5Fclose);
        _file = -1;
    }
}
