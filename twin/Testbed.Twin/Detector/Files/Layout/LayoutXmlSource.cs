namespace Testbed.Twin.Detector.Files.Layout;

/// <summary>areaDetector XMLFileName: either the layout XML itself (text starting with <c>&lt;?xml</c>) or a file under the data root holding it.</summary>
public static class LayoutXmlSource
{
    /// <summary>Largest layout file read; layouts are a few kilobytes.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The layout <paramref name="value"/> names; "" is the default layout.</summary>
    /// <exception cref="LayoutXmlException">the XML cannot be used (message names the line).</exception>
    /// <exception cref="ArgumentException">the file cannot be read.</exception>
    public static Hdf5Layout Load(string value, DataRoot root)
    {
        if (value.Length == 0) return Hdf5Layout.Default;
        if (value.TrimStart().StartsWith("<?xml", StringComparison.Ordinal))
            return Hdf5LayoutParser.Parse(value.TrimStart(), "inline XML", Hdf5FrameFile.NdAttributeNames);
        var path = root.Resolve(value, "xml_file_name");
        if (!File.Exists(path))
            throw new ArgumentException($"xml_file_name '{value}' is neither layout XML (text starting with <?xml) nor a file under the data root");
        if (new FileInfo(path).Length > MaxBytes) throw new ArgumentException($"xml_file_name '{value}' is larger than {MaxBytes} bytes; a layout is a few kilobytes");
        return Hdf5LayoutParser.Parse(File.ReadAllText(path), value, Hdf5FrameFile.NdAttributeNames);
    }
}
