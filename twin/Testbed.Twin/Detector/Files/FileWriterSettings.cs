using Testbed.Twin.Detector.Files.Layout;

namespace Testbed.Twin.Detector.Files;

/// <summary>NDPluginFile write modes (B2).</summary>
public enum FileWriteMode
{
    /// <summary>One file per frame; HDF5 data set [Y,X].</summary>
    Single,

    /// <summary>Frames buffered in memory, written NumCapture at a time.</summary>
    Capture,

    /// <summary>File opened at the first frame, frames appended, closed at NumCapture (0 = the whole series).</summary>
    Stream,
}

/// <summary>The file formats the writer produces.</summary>
public enum FileFormat
{
    Hdf5,
    Tiff,
}

/// <summary>Where and how files are written: areaDetector's FilePath/FileName/FileNumber/FileTemplate/AutoIncrement plus SIMPLON's mode, name_pattern, nimages_per_file.</summary>
public sealed class FileWriterSettings
{
    private FileTemplate? _template;
    private string _filePath = "";
    private string _namePattern = "series_$id";
    private int _createDirectory = 1;

    public bool Enabled { get; set; } = true;

    public FileFormat Format { get; set; } = FileFormat.Hdf5;

    public FileWriteMode WriteMode { get; set; } = FileWriteMode.Stream;

    /// <summary>areaDetector files (default) or SIMPLON master/data files; the SIMPLON layout ignores the write mode, template and file number.</summary>
    public FileLayout Layout { get; set; } = FileLayout.AreaDetector;

    /// <summary>The NDFileHDF5 layout of areaDetector HDF5 files: <see cref="Files.Layout.Hdf5Layout.Default"/> unless <see cref="XmlFileName"/> gives one.</summary>
    public Hdf5Layout Hdf5Layout { get; private set; } = Hdf5Layout.Default;

    /// <summary>areaDetector XMLFileName: "" (default layout), a layout file under the data root, or inline XML.</summary>
    public string XmlFileName { get; private set; } = "";

    /// <summary>Why the last layout given was refused (XMLErrorMsg_RBV); null when the layout in use is the one asked for.</summary>
    public string? XmlError { get; private set; }

    /// <summary>Uses the layout <paramref name="value"/> names; if it cannot be used, says why, and the default layout is used.</summary>
    /// <exception cref="ArgumentException">the layout was refused; the message names the line.</exception>
    public void SetXmlFileName(string value, DataRoot root)
    {
        try
        {
            Hdf5Layout = LayoutXmlSource.Load(value, root);
            XmlFileName = value;
            XmlError = null;
        }
        catch (Exception e) when (e is LayoutXmlException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Hdf5Layout = Hdf5Layout.Default;
            XmlFileName = "";
            XmlError = $"{e.Message}; the default layout is used";
            throw new ArgumentException(XmlError, e);
        }
    }

    /// <summary>SIMPLON image_nr_start: the image_nr_low of the first data file of a series.</summary>
    public long ImageNrStart { get; set; } = 1;

    /// <summary>Directory relative to the data root ('' = the root itself).</summary>
    public string FilePath
    {
        get => _filePath;
        set => _filePath = DataRoot.CheckRelative(value, "file_path");
    }

    /// <summary>FileName as a SIMPLON name pattern: <c>$id</c> is replaced by the sequence id returned by arm.</summary>
    public string NamePattern
    {
        get => _namePattern;
        set
        {
            if (value.Length == 0) throw new ArgumentException("name_pattern must not be empty");
            if (value.Contains('/') || value.Contains('\\')) throw new ArgumentException($"name_pattern '{value}' must be a plain file name; set file_path for a sub-directory");
            if (value.Contains("..")) throw new ArgumentException($"name_pattern '{value}' must not contain '..'");
            _namePattern = value;
        }
    }

    /// <summary>The number the next file gets.</summary>
    public long FileNumber { get; set; } = 1;

    /// <summary>Increment FileNumber after every file name built.</summary>
    public bool AutoIncrement { get; set; } = true;

    /// <summary>The template; by default <c>%s%s_%06d.h5</c> or <c>.tif</c> after the format.</summary>
    public FileTemplate Template
    {
        get => _template ?? FileTemplate.Parse(Format == FileFormat.Tiff ? "%s%s_%06d.tif" : "%s%s_%06d.h5");
        set => _template = value;
    }

    /// <summary>Frames per file (NumCapture / nimages_per_file); 0 in Stream mode = all frames of the series in one file.</summary>
    public int FramesPerFile { get; set; } = 1000;

    /// <summary>Frames per HDF5 chunk on the frame axis (areaDetector NumFramesChunks).</summary>
    public int FramesPerChunk { get; set; } = 1;

    /// <summary>Stream-mode HDF5 files written through libhdf5 in SWMR mode, readable while open (areaDetector SWMRMode; <see cref="Swmr.SwmrFrameFile"/>).</summary>
    public bool SwmrMode { get; set; }

    /// <summary>Frames between flushes of a SWMR file (areaDetector NumFramesFlush).</summary>
    public int FramesPerFlush { get; set; } = 1;

    /// <summary>Files are written under this suffix and renamed when complete.</summary>
    public string TempSuffix { get; set; } = ".tmp";

    /// <summary>areaDetector CreateDirectory: how many missing folders of FilePath are created at arm (see <see cref="FilePathCreation"/>);
    /// 1 (default) creates all, 0 none.</summary>
    public int CreateDirectory
    {
        get => _createDirectory;
        set => _createDirectory = Math.Abs(value) <= FilePathCreation.MaxDepth ? value
            : throw new ArgumentException($"create_directory {value} is out of range −{FilePathCreation.MaxDepth}…{FilePathCreation.MaxDepth}");
    }

    /// <summary>Whether any missing folder is created (CreateDirectory ≠ 0); setting true when it is 0 makes it 1 (create all).</summary>
    public bool CreateDirectories
    {
        get => _createDirectory != 0;
        set => _createDirectory = !value ? 0 : _createDirectory == 0 ? 1 : _createDirectory;
    }
}
