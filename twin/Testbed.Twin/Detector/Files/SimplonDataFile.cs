using System.Reflection;
using System.Runtime.ExceptionServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>A SIMPLON data set written frame by frame: a data file (<c>/entry/data/data</c>) or, given metadata, a master
/// holding the whole series (<c>/entry/data/data_000001</c>); <c>[N,Y,X]</c> with <c>@image_nr_low</c>/<c>@image_nr_high</c>.</summary>
/// <remarks>Dimensions and attributes are fixed when the file is opened (PureHDF), so a file closed with fewer frames is
/// copied into an exactly-sized one with <see cref="CopyWrittenFramesTo"/>, which also carries the right image_nr_high.</remarks>
public abstract class SimplonDataFile : IDisposable
{
    private H5NativeWriter? _writer;

    private protected SimplonDataFile(int width, int height, int capacity, long firstImageNr, int framesPerChunk, SimplonMetadata? master)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "a file holds at least one frame");
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        Width = width;
        Height = height;
        Capacity = capacity;
        FirstImageNr = firstImageNr;
        FramesPerChunk = Math.Min(framesPerChunk, capacity);
        Master = master;
    }

    public int Width { get; }

    public int Height { get; }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>image_nr_low: the 1-based series image number of the first frame.</summary>
    public long FirstImageNr { get; }

    public int FramesPerChunk { get; }

    /// <summary>Non-null for a master file holding the data.</summary>
    public SimplonMetadata? Master { get; }

    /// <summary>Where the frames are inside the file.</summary>
    public string DatasetPath => Master is null ? Hdf5FrameFile.DataPath : "/entry/data/" + SimplonMasterFile.LinkName(1);

    /// <summary>Creates the file for <paramref name="capacity"/> frames; <paramref name="master"/> makes it a master with the data inside.</summary>
    public static SimplonDataFile Create(string path, int width, int height, PixelType type, int capacity, long firstImageNr, int framesPerChunk, SimplonMetadata? master)
    {
        SimplonDataFile file = type switch
        {
            PixelType.UInt8 => new Typed<byte>(width, height, capacity, firstImageNr, framesPerChunk, master),
            PixelType.UInt16 => new Typed<ushort>(width, height, capacity, firstImageNr, framesPerChunk, master),
            PixelType.UInt32 => new Typed<uint>(width, height, capacity, firstImageNr, framesPerChunk, master),
            _ => new Typed<float>(width, height, capacity, firstImageNr, framesPerChunk, master),
        };
        file.Open(path);
        return file;
    }

    public void Append(Frame frame)
    {
        if (_writer is null) throw new ObjectDisposedException(nameof(SimplonDataFile));
        if (Count >= Capacity) throw new InvalidOperationException($"the file was opened for {Capacity} frame(s) and is full");
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"frame is {frame.Width}×{frame.Height}, the file holds {Width}×{Height}");
        try
        {
            WriteFrame(_writer, frame.Pixels, Count);
        }
        catch (TargetInvocationException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
        Count++;
    }

    public void Close()
    {
        var w = _writer;
        _writer = null;
        w?.Dispose();
    }

    public void Dispose()
    {
        try { Close(); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>After <see cref="Close"/>: copies the frames written from <paramref name="source"/> (this file on disk) into an exactly-sized file.</summary>
    public void CopyWrittenFramesTo(string source, string destination)
    {
        if (_writer is not null) throw new InvalidOperationException("close the file first");
        if (Count == 0) throw new InvalidOperationException("the file holds no frame");
        var copy = CreateEmpty(Count);
        copy.Open(destination);
        try
        {
            using (var reader = H5File.OpenRead(source))
            {
                var data = reader.Dataset(DatasetPath);
                for (var i = 0; i < Count; i++) copy.CopyFrame(copy._writer!, data, i);
            }
            copy.Count = Count;
            copy.Close();
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    private protected abstract object DataSet { get; }

    private protected abstract SimplonDataFile CreateEmpty(int capacity);

    private protected abstract void WriteFrame(H5NativeWriter writer, Array pixels, int index);

    private protected abstract void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index);

    private void Open(string path)
    {
        H5File file;
        if (Master is { } m)
        {
            var data = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" }, [SimplonMasterFile.LinkName(1)] = DataSet };
            file = SimplonMasterFile.Tree(m, data);
        }
        else
        {
            file = new H5File
            {
                ["entry"] = new H5Group
                {
                    Attributes = new() { ["NX_class"] = "NXentry" },
                    ["data"] = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" }, ["data"] = DataSet },
                },
            };
        }
        _writer = file.BeginWrite(path);
    }

    private sealed class Typed<T> : SimplonDataFile where T : unmanaged
    {
        private readonly H5Dataset<T[]> _data;

        public Typed(int width, int height, int capacity, long firstImageNr, int framesPerChunk, SimplonMetadata? master)
            : base(width, height, capacity, firstImageNr, framesPerChunk, master)
        {
            var creation = new H5DatasetCreation(ChunkCache: new OneChunkWriteCache());
            _data = new H5Dataset<T[]>(fileDims: [(ulong)capacity, (ulong)height, (ulong)width],
                chunks: [(uint)FramesPerChunk, (uint)height, (uint)width], datasetCreation: creation);
            _data.Attributes["image_nr_low"] = firstImageNr;
            _data.Attributes["image_nr_high"] = firstImageNr + capacity - 1;
        }

        private protected override object DataSet => _data;

        private protected override SimplonDataFile CreateEmpty(int capacity) => new Typed<T>(Width, Height, capacity, FirstImageNr, FramesPerChunk, Master);

        private protected override void WriteFrame(H5NativeWriter writer, Array pixels, int index) =>
            writer.Write(_data, (T[])pixels, fileSelection: Slab(index));

        private protected override void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index) =>
            writer.Write(_data, source.Read<T[]>(fileSelection: Slab(index)), fileSelection: Slab(index));

        private HyperslabSelection Slab(int index) => new(3, [(ulong)index, 0, 0], [1, (ulong)Height, (ulong)Width]);
    }
}
