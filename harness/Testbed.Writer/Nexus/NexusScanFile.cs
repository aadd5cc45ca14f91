using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Reading;
using Testbed.Writer.Hdf5;

namespace Testbed.Writer.Nexus;

/// <summary>One scan's NXentry <c>/&lt;number&gt;.1</c> in its HDF5 file, as blisswriter lays it out: title, start_time, measurement/,
/// instrument/ (positioners_start, positioners, one group per channel), plotselect; end_time and end_reason only at the end.</summary>
/// <remarks>A file is never written over: a new file is created exclusively; an existing one is only opened when this writer made it,
/// either to add the scan's entry or to resume the same scan's entry that has no end_time yet.</remarks>
public sealed partial class NexusScanFile : IDisposable
{
    /// <summary>The root's <c>creator</c>: how the writer knows a file is its own.</summary>
    public const string Creator = "Testbed.Writer";

    private Hdf5File _file;
    private readonly Dictionary<ScanStream, GrowingDataset> _data = [];

    private NexusScanFile(Hdf5File file, string entry, IReadOnlyList<ChannelPlace> places, bool resumed)
    {
        _file = file;
        Entry = entry;
        Places = places;
        Resumed = resumed;
    }

    public string Path => _file.Path;

    /// <summary><c>&lt;scan_nb&gt;.1</c>.</summary>
    public string Entry { get; }

    public IReadOnlyList<ChannelPlace> Places { get; }

    /// <summary>True when an earlier run's entry was reopened (cursors start at <see cref="RowsWritten"/>).</summary>
    public bool Resumed { get; }

    /// <summary>Rows in the file for each numeric stream: where reading resumes.</summary>
    public long RowsWritten(ScanStream stream) => _data[stream].Length;

    public IEnumerable<ScanStream> NumericStreams => _data.Keys;

    /// <summary>True while the file is in SWMR mode (readers opening it with SWMR read see every flush while the scan runs).</summary>
    public bool Swmr { get; private set; }

    /// <summary>Creates or resumes the entry of <paramref name="scan"/> in <paramref name="path"/>.</summary>
    /// <param name="path">The scan's file.</param>
    /// <param name="scan">The scan.</param>
    /// <param name="swmr">Write the points in SWMR mode once the entry is laid out (a new file is then made in the 1.10 format; an
    /// existing file in an older format is written without it, see <see cref="Swmr"/>).</param>
    /// <exception cref="ScanFileRefusedException">The file exists and is not this writer's, or holds this entry complete or for another scan.</exception>
    public static NexusScanFile Open(string path, Scan scan, bool swmr = false)
    {
        var entry = $"{scan.Number.ToString(CultureInfo.InvariantCulture)}.1";
        var places = ChannelPlace.Of(scan);
        Hdf5File file;
        NexusScanFile? nexus = null;
        var created = false;
        if (File.Exists(path))
        {
            file = OpenOwn(path);
        }
        else
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            file = Hdf5File.Create(path, latestFormat: swmr);
            created = true;
        }
        try
        {
            if (created)
            {
                file.Attribute("/", "NX_class", "NXroot");
                file.Attribute("/", "creator", Creator);
                file.Attribute("/", "file_name", path);
                file.Attribute("/", "default", entry);
            }
            var resumed = file.Exists(entry);
            if (resumed) CheckResumable(file, entry, scan);
            nexus = new NexusScanFile(file, entry, places, resumed);
            if (resumed) nexus.Reopen();
            else nexus.Layout(scan);
            file.Flush();
            // Every object exists now (SWMR allows no new ones): from here on only rows are appended, until Finish reopens it.
            if (swmr) nexus.Swmr = file.StartSwmr();
            return nexus;
        }
        catch
        {
            // Data sets already open keep libhdf5's file open (and locked) after H5Fclose: close them too.
            if (nexus is not null) nexus.Dispose();
            else file.Dispose();
            throw;
        }
    }

    /// <summary>Whether this writer left the scan's entry without end_time (a run stopped mid-scan): it must be resumed.</summary>
    public static bool IsIncomplete(Scan scan)
    {
        if (Text(scan.Info["filename"]) is not { Length: > 0 } path || !File.Exists(path)) return false;
        var entry = $"{scan.Number.ToString(CultureInfo.InvariantCulture)}.1";
        try
        {
            using var file = Hdf5File.Open(path);
            return file.ReadAttribute("/", "creator") == Creator && file.Exists(entry) && file.ReadAttribute(entry, "scan_key") == scan.Key
                   && !file.Exists($"{entry}/end_time");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Hdf5File OpenOwn(string path)
    {
        Hdf5File file;
        try { file = Hdf5File.Open(path); }
        catch (IOException e) when (e is not Hdf5UnavailableException)
        {
            throw new ScanFileRefusedException($"{path} exists and cannot be opened as HDF5 for writing ({e.Message}); it is not written over: give the scan another file name or close the program that has it open");
        }
        if (file.ReadAttribute("/", "creator") != Creator)
        {
            file.Dispose();
            throw new ScanFileRefusedException($"{path} exists and was not written by {Creator}; it is not written over: give the scan another file name");
        }
        return file;
    }

    private static void CheckResumable(Hdf5File file, string entry, Scan scan)
    {
        if (file.ReadAttribute(entry, "scan_key") != scan.Key)
            throw new ScanFileRefusedException($"{file.Path}:/{entry} belongs to another scan; it is not written over: is the scan number reused?");
        if (file.Exists($"{entry}/end_time"))
            throw new ScanFileRefusedException($"{file.Path}:/{entry} is complete already; it is not written over");
    }

    /// <summary>Appends the points of <paramref name="data"/> to the stream's data set (it must start at the rows written).</summary>
    public void Append(ScanStream stream, StreamData data)
    {
        var ds = _data[stream];
        if (data.Index != ds.Length)
            throw new InvalidOperationException($"{stream.Name}: points from {data.Index} do not follow the {ds.Length} rows in {Path}:/{ds.Path}");
        if (data.Arrays.Count == 1 || stream.Encoding.IsVariableShape)
        {
            // Variable-shape streams: each entry has its own point shape, appended as it is.
            foreach (var a in data.Arrays) ds.Append(a.Bytes.Span, a.Shape[0], a.Shape[1..]);
            return;
        }
        // One write per read, not per entry: each append extends the data set and selects a hyperslab.
        // A pooled buffer: a block of spectra is megabytes, and a fresh large array per read costs the GC more than the copy.
        var length = checked((int)data.Arrays.Sum(a => (long)a.Bytes.Length));
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            foreach (var a in data.Arrays)
            {
                a.Bytes.Span.CopyTo(bytes.AsSpan(at));
                at += a.Bytes.Length;
            }
            ds.Append(bytes.AsSpan(0, length), data.Count, data.Arrays[0].Shape[1..]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Pushes what is written so far to the file.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Leaves SWMR mode before the end is written (it adds objects): the file is closed and opened again.</summary>
    private void EndSwmr()
    {
        if (!Swmr) return;
        var path = Path;
        foreach (var d in _data.Values) d.Dispose();
        _data.Clear();
        _file.Dispose();
        _file = Hdf5File.Open(path);
        Swmr = false;
        Reopen();
    }

    public void Dispose()
    {
        foreach (var d in _data.Values) d.Dispose();
        _data.Clear();
        _file.Dispose();
    }

    private string Instrument(ChannelPlace p) => $"{Entry}/instrument/{p.Group}";

    private void Reopen()
    {
        foreach (var p in Places.Where(p => p.Role != ChannelRole.Frames))
        {
            var at = $"{Instrument(p)}/{p.Field}";
            if (!_file.Exists(at)) throw new ScanFileRefusedException($"{Path}:/{Entry} has no {at} (written by another layout?); it is not written over");
            _data[p.Stream] = GrowingDataset.Open(_file, at, p.Stream.DTypeName, ItemSize(p.Stream));
        }
    }

    private static int ItemSize(ScanStream s) => s.Encoding.DType?.ItemSize ?? throw new IOException($"stream {s.Name} has no numeric dtype");

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
