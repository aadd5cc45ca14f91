using System.Reflection;
using System.Runtime.ExceptionServices;
using PureHDF;
using PureHDF.VOL.Native;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>An HDF5 file opened for a fixed number of frames (PureHDF fixes dimensions at open), written frame by frame, and
/// copied into an exactly-sized file when it is closed with fewer frames (<see cref="CopyWrittenFramesTo"/>).</summary>
public abstract class FixedCapacityFrameFile : IDisposable
{
    private H5NativeWriter? _writer;

    private protected FixedCapacityFrameFile(int width, int height, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "a file holds at least one frame");
        Width = width;
        Height = height;
        Capacity = capacity;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Frames the file was opened for.</summary>
    public int Capacity { get; }

    /// <summary>Frames written so far.</summary>
    public abstract int Count { get; }

    /// <summary>Where the frames are inside the file.</summary>
    public abstract string DatasetPath { get; }

    /// <summary>Appends one frame at index <see cref="Count"/>.</summary>
    public void Append(Frame frame)
    {
        if (_writer is null) throw new ObjectDisposedException(GetType().Name, "the file is closed");
        if (Count >= Capacity) throw new InvalidOperationException($"the file was opened for {Capacity} frame(s) and is full");
        if (frame.Width != Width || frame.Height != Height)
            throw new ArgumentException($"frame is {frame.Width}×{frame.Height}, the file holds {Width}×{Height}");
        try
        {
            WriteFrame(_writer, frame, Count);
        }
        catch (TargetInvocationException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            // PureHDF calls its typed writer through reflection; surface the I/O error itself.
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
        Appended(frame);
    }

    /// <summary>Writes what is only known at the end and closes the file; exceptions here mean the file is incomplete.</summary>
    public void Close()
    {
        if (_writer is null) return;
        var w = _writer;
        _writer = null;
        try
        {
            WriteAtClose(w);
        }
        finally
        {
            w.Dispose();
        }
    }

    public void Dispose()
    {
        try { Close(); }
        catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>After <see cref="Close"/> of a file that got fewer frames than it was opened for: copies those frames (and what
    /// was recorded with them) from <paramref name="source"/> (this file on disk) into an exactly-sized file at <paramref name="destination"/>.</summary>
    /// <param name="source">This file on disk.</param>
    /// <param name="destination">The exactly-sized copy.</param>
    /// <param name="note">Its <see cref="IncompleteAttribute"/> text (default: the series stopped after Count of Capacity frames).</param>
    public void CopyWrittenFramesTo(string source, string destination, string? note = null)
    {
        if (_writer is not null) throw new InvalidOperationException("close the file first");
        if (Count == 0) throw new InvalidOperationException("the file holds no frame");
        var copy = CreateEmpty(Count);
        // Readers must be able to tell a series that stopped early from a complete one.
        copy.IncompleteNote = note ?? $"incomplete: the series stopped after {Count} of the {Capacity} frames this file was opened for";
        copy.Open(destination);
        try
        {
            using (var reader = H5File.OpenRead(source))
            {
                var data = reader.Dataset(DatasetPath);
                for (var i = 0; i < Count; i++) copy.CopyFrame(copy._writer!, data, i);
            }
            copy.TakeRecordsOf(this);
            copy.Close();
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Creates the file on disk with the tree of <see cref="Tree"/>.</summary>
    private protected void Open(string path)
    {
        var tree = Tree();
        if (IncompleteNote is { } note) tree.Attributes[IncompleteAttribute] = note;
        _writer = tree.BeginWrite(path, WriteOptions);
    }

    /// <summary>Root attribute of a file closed with fewer frames than it was opened for (a series stopped early).</summary>
    public const string IncompleteAttribute = "incomplete";

    /// <summary>The <see cref="IncompleteAttribute"/> text of this file, or null when it is complete.</summary>
    public string? IncompleteNote { get; private set; }

    /// <summary>Encoding options of the whole file (e.g. fixed-length strings).</summary>
    private protected virtual H5WriteOptions? WriteOptions => null;

    private protected abstract H5File Tree();

    private protected abstract void WriteFrame(H5NativeWriter writer, Frame frame, int index);

    /// <summary>Bookkeeping after a frame is written (counts, per-frame attribute values).</summary>
    private protected abstract void Appended(Frame frame);

    private protected virtual void WriteAtClose(H5NativeWriter writer)
    {
    }

    /// <summary>A file like this one for <paramref name="capacity"/> frames, not yet opened.</summary>
    private protected abstract FixedCapacityFrameFile CreateEmpty(int capacity);

    private protected abstract void CopyFrame(H5NativeWriter writer, IH5Dataset source, int index);

    /// <summary>Takes over the per-frame records (count, attribute values) of <paramref name="original"/>, whose frames were copied here.</summary>
    private protected abstract void TakeRecordsOf(FixedCapacityFrameFile original);
}
