using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Testbed.Twin.Detector.Files.Layout;

/// <summary>Reads NDFileHDF5 layout XML (B1) into an <see cref="Hdf5Layout"/>; every refusal names the line.</summary>
/// <remarks>Supported: <c>group</c> (name, ndattr_default), <c>dataset</c> with source detector (det_default), ndattribute or
/// constant (value, type), <c>attribute</c> with source constant, <c>hardlink</c> (name, target), and source-less
/// <c>performance/timestamp</c>. Refused with a message: <c>global</c>, <c>when</c>, attribute source ndattribute, a second detector
/// data set, unknown elements or attributes, NDAttributes the detector does not produce, hard links to objects not in the layout.</remarks>
public static class Hdf5LayoutParser
{
    /// <summary>Parses <paramref name="xml"/>; <paramref name="source"/> names it in messages; <paramref name="ndAttributes"/> are the
    /// NDAttribute names a data set may refer to (null: any).</summary>
    /// <exception cref="LayoutXmlException">not well-formed, not a layout, or uses what is not supported.</exception>
    public static Hdf5Layout Parse(string xml, string source, IReadOnlyCollection<string>? ndAttributes = null)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new LayoutXmlException(source, e.LineNumber, $"not well-formed XML: {e.Message}");
        }
        var root = doc.Root!;
        if (root.Name.LocalName != "hdf5_layout") throw Error(source, root, $"the root element is <{root.Name.LocalName}>, expected <hdf5_layout>");
        var parser = new Parser(source, ndAttributes);
        var roots = parser.Children(root, allowAttributes: false, out _);
        var layout = new Hdf5Layout(roots, source);
        parser.Check(layout, root);
        return layout;
    }

    private static LayoutXmlException Error(string source, XElement e, string message) => new(source, ((IXmlLineInfo)e).LineNumber, message);

    private sealed class Parser(string source, IReadOnlyCollection<string>? ndAttributes)
    {
        private int _detectors;
        private bool _default;

        public List<LayoutNode> Children(XElement parent, bool allowAttributes, out List<LayoutAttribute> attributes)
        {
            var nodes = new List<LayoutNode>();
            attributes = [];
            foreach (var e in parent.Elements())
            {
                switch (e.Name.LocalName)
                {
                    case "group": nodes.Add(Group(e)); break;
                    case "dataset": nodes.Add(Dataset(e, parent)); break;
                    case "hardlink":
                        Only(e, "name", "target");
                        var target = Required(e, "target");
                        if (!target.StartsWith('/')) throw Error(source, e, $"hardlink target '{target}' must be an absolute path such as /entry/instrument/detector/data");
                        nodes.Add(new LayoutHardlink(Name(e), Line(e), target));
                        break;
                    case "attribute" when allowAttributes: attributes.Add(Attribute(e)); break;
                    case "global": throw Error(source, e, "<global> (detector_data_destination) is not supported: the twin writes one detector data set");
                    default: throw Error(source, e, $"<{e.Name.LocalName}> is not a layout element here; expected group, dataset, hardlink{(allowAttributes ? " or attribute" : "")}");
                }
            }
            var duplicate = nodes.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new LayoutXmlException(source, duplicate.Last().Line, $"'{duplicate.Key}' is declared twice in the same group");
            return nodes;
        }

        public void Check(Hdf5Layout layout, XElement root)
        {
            if (_detectors == 0) throw Error(source, root, "the layout has no <dataset source=\"detector\">: the frames would have nowhere to go");
            var paths = layout.Paths().Where(p => p.Node is not LayoutHardlink).Select(p => p.Path).ToHashSet();
            foreach (var (path, node) in layout.Paths())
                if (node is LayoutHardlink h && !paths.Contains(h.Target))
                    throw new LayoutXmlException(source, h.Line, $"hardlink '{path}' targets '{h.Target}', which the layout does not create");
        }

        private LayoutGroup Group(XElement e)
        {
            Only(e, "name", "ndattr_default");
            var isDefault = Bool(e, "ndattr_default");
            if (isDefault && _default) throw Error(source, e, "a second group with ndattr_default=\"true\"; only one may collect the remaining NDAttributes");
            _default |= isDefault;
            var children = Children(e, allowAttributes: true, out var attributes);
            return new LayoutGroup(Name(e), Line(e), isDefault, attributes, children);
        }

        private LayoutDataset Dataset(XElement e, XElement parent)
        {
            var name = Name(e);
            var children = Children(e, allowAttributes: true, out var attributes);
            if (children.Count > 0) throw Error(source, e, $"dataset '{name}' contains <{children[0].GetType().Name}>; a data set holds only attributes");
            var src = (string?)e.Attribute("source");
            switch (src)
            {
                case "detector":
                    Only(e, "name", "source", "det_default");
                    if (++_detectors > 1) throw Error(source, e, "a second <dataset source=\"detector\"> is not supported: the twin writes one detector data set");
                    return new LayoutDataset(name, Line(e), DatasetSource.Detector, null, null, attributes);
                case "ndattribute":
                    Only(e, "name", "source", "ndattribute");
                    var reference = Required(e, "ndattribute");
                    if (ndAttributes is not null && !ndAttributes.Contains(reference))
                        throw Error(source, e, $"dataset '{name}' refers to NDAttribute '{reference}', which this detector does not produce; known: {string.Join(", ", ndAttributes)}");
                    return new LayoutDataset(name, Line(e), DatasetSource.NdAttribute, null, reference, attributes);
                case "constant":
                    Only(e, "name", "source", "value", "type");
                    return new LayoutDataset(name, Line(e), DatasetSource.Constant, Constant(e), null, attributes);
                case null when name == "timestamp" && (string?)parent.Attribute("name") == "performance":
                    Only(e, "name");
                    return new LayoutDataset(name, Line(e), DatasetSource.Performance, null, null, attributes);
                case null:
                    throw Error(source, e, $"dataset '{name}' has no source; give source=\"detector\", \"ndattribute\" or \"constant\"");
                default:
                    throw Error(source, e, $"dataset '{name}' has source '{src}'; expected detector, ndattribute or constant");
            }
        }

        private LayoutAttribute Attribute(XElement e)
        {
            var name = Name(e);
            var src = (string?)e.Attribute("source") ?? "constant";
            if (src == "ndattribute") throw Error(source, e, $"attribute '{name}' with source=\"ndattribute\" is not supported; use source=\"constant\" or a dataset");
            if (src != "constant") throw Error(source, e, $"attribute '{name}' has source '{src}'; expected constant");
            Only(e, "name", "source", "value", "type");
            return new LayoutAttribute(name, Line(e), Constant(e));
        }

        private LayoutConstant Constant(XElement e)
        {
            var value = Required(e, "value");
            var type = (string?)e.Attribute("type") ?? "string";
            try
            {
                return type switch
                {
                    "string" when System.Text.Encoding.UTF8.GetByteCount(value) >= Hdf5FrameFile.StringLength =>
                        throw Error(source, e, $"'{Name(e)}' value is longer than the {Hdf5FrameFile.StringLength - 1} bytes a fixed-length string of these files holds"),
                    "string" => new LayoutConstant(value),
                    "int" => new LayoutConstant(int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                    "float" => new LayoutConstant(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)),
                    _ => throw Error(source, e, $"'{Name(e)}' has type '{type}'; expected string, int or float"),
                };
            }
            catch (Exception x) when (x is FormatException or OverflowException)
            {
                throw Error(source, e, $"'{Name(e)}' value '{value}' is not a valid {type}");
            }
        }

        private void Only(XElement e, params string[] allowed)
        {
            foreach (var a in e.Attributes())
            {
                if (allowed.Contains(a.Name.LocalName)) continue;
                throw Error(source, e, a.Name.LocalName == "when"
                    ? $"'{(string?)e.Attribute("name")}': when=\"{a.Value}\" is not supported; NDAttribute data sets hold one value per frame"
                    : $"<{e.Name.LocalName}> does not take the attribute '{a.Name.LocalName}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        private string Name(XElement e)
        {
            var name = Required(e, "name");
            if (name.Contains('/') || name is "." or "..") throw Error(source, e, $"name '{name}' must be a single path component");
            return name;
        }

        private string Required(XElement e, string attribute) =>
            (string?)e.Attribute(attribute) is { Length: > 0 } v ? v : throw Error(source, e, $"<{e.Name.LocalName}> needs {attribute}=\"…\"");

        private bool Bool(XElement e, string attribute) => (string?)e.Attribute(attribute) switch
        {
            null or "false" => false,
            "true" => true,
            var v => throw Error(source, e, $"{attribute}=\"{v}\" must be true or false"),
        };

        private static int Line(XElement e) => ((IXmlLineInfo)e).LineNumber;
    }
}

/// <summary>A layout XML that cannot be used; the message names its source and line.</summary>
public sealed class LayoutXmlException(string source, int line, string problem) : Exception($"layout XML ({source}) line {line}: {problem}")
{
    public int Line { get; } = line;
}
