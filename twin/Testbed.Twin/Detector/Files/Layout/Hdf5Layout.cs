namespace Testbed.Twin.Detector.Files.Layout;

/// <summary>An NDFileHDF5 layout (B1 "Layout XML"): the tree of groups, data sets, attributes and hard links a file gets.</summary>
/// <param name="Roots">Top-level nodes (children of <c>/</c>).</param>
/// <param name="Source">Where it came from: "default", a file name under the data root, or "inline XML".</param>
public sealed record Hdf5Layout(IReadOnlyList<LayoutNode> Roots, string Source)
{
    /// <summary>The layout NDFileHDF5 uses without XMLFileName, written in the layout XML language.</summary>
    public const string DefaultXml = """
        <?xml version="1.0" standalone="no" ?>
        <hdf5_layout>
          <group name="entry">
            <attribute name="NX_class" source="constant" value="NXentry" type="string" />
            <group name="instrument">
              <attribute name="NX_class" source="constant" value="NXinstrument" type="string" />
              <group name="detector">
                <attribute name="NX_class" source="constant" value="NXdetector" type="string" />
                <dataset name="data" source="detector" det_default="true">
                  <attribute name="signal" source="constant" value="1" type="int" />
                </dataset>
                <group name="NDAttributes">
                  <attribute name="NX_class" source="constant" value="NXcollection" type="string" />
                  <dataset name="ColorMode" source="ndattribute" ndattribute="ColorMode" />
                </group>
              </group>
              <group name="NDAttributes" ndattr_default="true">
                <attribute name="NX_class" source="constant" value="NXcollection" type="string" />
              </group>
              <group name="performance">
                <dataset name="timestamp" />
              </group>
            </group>
            <group name="data">
              <attribute name="NX_class" source="constant" value="NXdata" type="string" />
              <hardlink name="data" target="/entry/instrument/detector/data" />
            </group>
          </group>
        </hdf5_layout>
        """;

    /// <summary>The default layout, parsed once.</summary>
    public static Hdf5Layout Default { get; } = Hdf5LayoutParser.Parse(DefaultXml, "default");

    /// <summary>Absolute path of the <c>source="detector"</c> data set.</summary>
    public string DetectorPath => Paths().First(p => p.Node is LayoutDataset { Source: DatasetSource.Detector }).Path;

    /// <summary>Where readers find the frames: the first hard link to the detector data set (the NXdata <c>data</c>), else the data set itself.</summary>
    public string DataPath
    {
        get
        {
            var detector = DetectorPath;
            return Paths().FirstOrDefault(p => p.Node is LayoutHardlink h && h.Target == detector).Path ?? detector;
        }
    }

    /// <summary>Every node with its absolute path, depth first in document order.</summary>
    public IEnumerable<(string Path, LayoutNode Node)> Paths()
    {
        IEnumerable<(string, LayoutNode)> Walk(string prefix, IEnumerable<LayoutNode> nodes)
        {
            foreach (var n in nodes)
            {
                var path = prefix + "/" + n.Name;
                yield return (path, n);
                if (n is LayoutGroup g)
                    foreach (var c in Walk(path, g.Children)) yield return c;
            }
        }
        return Walk("", Roots);
    }
}

/// <summary>A node of a layout, with the XML line it was declared on (for error messages).</summary>
public abstract record LayoutNode(string Name, int Line);

/// <summary><c>&lt;group name= [ndattr_default="true"]&gt;</c>: NDAttributes the layout places nowhere else go into the ndattr_default group.</summary>
public sealed record LayoutGroup(string Name, int Line, bool NdAttrDefault, IReadOnlyList<LayoutAttribute> Attributes, IReadOnlyList<LayoutNode> Children) : LayoutNode(Name, Line);

/// <summary>What a <c>&lt;dataset&gt;</c> holds.</summary>
public enum DatasetSource
{
    /// <summary>The frames (<c>source="detector"</c>).</summary>
    Detector,

    /// <summary>One value per frame of an NDAttribute (<c>source="ndattribute" ndattribute=…</c>).</summary>
    NdAttribute,

    /// <summary>A scalar written at open (<c>source="constant" value=… type=…</c>).</summary>
    Constant,

    /// <summary>The writer's performance rows (<c>performance/timestamp</c> without a source, as in the default layout).</summary>
    Performance,
}

/// <summary><c>&lt;dataset&gt;</c>: <paramref name="Reference"/> is the NDAttribute name, or the constant for a constant data set.</summary>
public sealed record LayoutDataset(string Name, int Line, DatasetSource Source, LayoutConstant? Constant, string? Reference, IReadOnlyList<LayoutAttribute> Attributes) : LayoutNode(Name, Line);

/// <summary><c>&lt;hardlink name= target=&gt;</c>: a second name for the object at the absolute path <paramref name="Target"/>.</summary>
public sealed record LayoutHardlink(string Name, int Line, string Target) : LayoutNode(Name, Line);

/// <summary><c>&lt;attribute name= source="constant" value= type=&gt;</c> on a group or data set.</summary>
public sealed record LayoutAttribute(string Name, int Line, LayoutConstant Value);

/// <summary>A typed constant of the layout XML: <c>type</c> string (default), int (int32) or float (float64).</summary>
public sealed record LayoutConstant(object Value);
