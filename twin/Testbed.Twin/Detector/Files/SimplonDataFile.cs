using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>A SIMPLON data set written frame by frame: a data file (<c>/entry/data/data</c>) or, given metadata, a master
/// holding the whole series (<c>/entry/data/data_000001</c>); <c>[N,Y,X]</c> with <c>@image_nr_low</c>/<c>@image_nr_high</c>.</summary>
/// <remarks>Dimensions and attributes are fixed when the file is opened (PureHDF), so a file closed with fewer frames is
/// copied into an exactly-sized one with <see cref="FixedCapacityFrameFile.CopyWrittenFramesTo"/>, which also carries the right image_nr_high.</remarks>
public abstract class SimplonDataFile : FixedCapacityFrameFile
{
    private int _count;

    private protected SimplonDataFile(int width, int height, int capacity, long firstImageNr, int framesPerChunk, SimplonMetadata? master)
        : base(width, height, capacity)
    {
        if (framesPerChunk < 1) throw new ArgumentOutOfRangeException(nameof(framesPerChunk), "a chunk holds at least one frame");
        FirstImageNr = firstImageNr;
        FramesPerChunk = Math.Min(framesPerChunk, capacity);
        Master = master;
    }

    public override int Count => _count;

    /// <summary>image_nr_low: the 1-based series image number of the first frame.</summary>
    public long FirstImageNr { get; }

    public int FramesPerChunk { get; }

    /// <summary>Non-null for a master file holding the data.</summary>
    public SimplonMetadata? Master { get; }

    public override string DatasetPath => Master is null ? Hdf5FrameFile.DataPath : "/entry/data/" + SimplonMasterFile.LinkName(1);

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

    private protected override void Appended(Frame frame) => _count++;

    private protected override void TakeRecordsOf(FixedCapacityFrameFile original) => _count = original.Count;

    private protected abstract object DataSet { get; }

    private protected override H5File Tree()
    {
        if (Master is { } m)
        {
            var data = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" }, [SimplonMasterFile.LinkName(1)] = DataSet };
            return SimplonMasterFile.Tree(m, data);
        }
        return new H5File
        {
            ["entry"] = new H5Group
            {
                Attributes = new() { ["NX_class"] = "NXentry" },
                ["data"] = new H5Group { Attributes = new() { ["NX_class"] = "NXdata" }, ["data"] = DataSet },
            },
        };
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

        private protected override FixedCapacityFrameFile CreateEmpty(int capacity) => new Typed<T>(Width, Height, capacity, FirstImageNr, FramesPerChunk, Master);

        private protected override void WriteFrame(H5NativeWriter writer, Frame frame, int index) =>
            writer.Write(_data, (T[])frame.Pixels, fileSelection: Slab(index));

        private protected override void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index) =>
            writer.Write(_data, source.Read<T[]>(fileSelection: Slab(index)), fileSelection: Slab(index));

        private HyperslabSelection Slab(int index) => new(3, [(ulong)index, 0, 0], [1, (ulong)Height, (ulong)Width]);
    }
}
