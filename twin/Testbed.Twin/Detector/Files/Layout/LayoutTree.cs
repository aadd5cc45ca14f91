using System.Net;
using PureHDF;

namespace Testbed.Twin.Detector.Files.Layout;

/// <summary>Turns an <see cref="Hdf5Layout"/> into the PureHDF tree of one file, placing the detector, NDAttribute and performance data sets.</summary>
internal static class LayoutTree
{
    /// <summary>Builds the tree of <paramref name="layout"/> around the <paramref name="detector"/> and <paramref name="performance"/> data sets and
    /// the <paramref name="ndAttributes"/> by name (those it places nowhere go into its ndattr_default group, if any);
    /// <paramref name="placed"/> receives every data set object put into the tree (those are written at close).</summary>
    public static H5File Build(Hdf5Layout layout, object detector, object performance, IReadOnlyDictionary<string, object> ndAttributes, ISet<object> placed)
    {
        var byPath = new Dictionary<string, object>(StringComparer.Ordinal);
        H5Group? defaultGroup = null;
        var file = new H5File();

        void Fill(H5Group group, string prefix, IEnumerable<LayoutNode> nodes)
        {
            foreach (var node in nodes)
            {
                var path = prefix + "/" + node.Name;
                switch (node)
                {
                    case LayoutGroup g:
                        var child = new H5Group();
                        foreach (var a in g.Attributes) child.Attributes[a.Name] = a.Value.Value;
                        if (g.NdAttrDefault)
                        {
                            child.Attributes["hostname"] = Dns.GetHostName();
                            defaultGroup = child;
                        }
                        group[g.Name] = child;
                        byPath[path] = child;
                        Fill(child, path, g.Children);
                        break;
                    case LayoutDataset d:
                        var obj = d.Source switch
                        {
                            DatasetSource.Detector => detector,
                            DatasetSource.Performance => performance,
                            DatasetSource.NdAttribute => ndAttributes[d.Reference!],
                            _ => new H5Dataset(d.Constant!.Value),
                        };
                        if (obj is H5Object attributable)
                            foreach (var a in d.Attributes) attributable.Attributes[a.Name] = a.Value.Value;
                        group[d.Name] = obj;
                        byPath[path] = obj;
                        placed.Add(obj);
                        break;
                }
            }
        }

        void Link(H5Group group, string prefix, IEnumerable<LayoutNode> nodes)
        {
            foreach (var node in nodes)
            {
                var path = prefix + "/" + node.Name;
                // The same object under a second name is written as a hard link.
                if (node is LayoutHardlink h) group[h.Name] = byPath[h.Target];
                else if (node is LayoutGroup g) Link((H5Group)byPath[path], path, g.Children);
            }
        }

        Fill(file, "", layout.Roots);
        Link(file, "", layout.Roots);
        if (defaultGroup is not null)
        {
            foreach (var (name, obj) in ndAttributes)
            {
                if (placed.Contains(obj) || defaultGroup.ContainsKey(name)) continue;
                defaultGroup[name] = obj;
                placed.Add(obj);
            }
        }
        return file;
    }
}
