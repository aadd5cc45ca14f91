using System.Buffers.Binary;
using System.Text;

namespace Testbed.Twin.Tests.Detector;

/// <summary>A minimal little-endian TIFF reader written from the TIFF 6.0 layout, independent of the LibTiff writer under test.</summary>
internal sealed class TiffReader
{
    public Dictionary<int, object> Tags { get; } = [];

    public int Width => Convert.ToInt32(Tags[256]);

    public int Height => Convert.ToInt32(Tags[257]);

    public byte[] Pixels { get; private set; } = [];

    public string Text(int tag) => (string)Tags[tag];

    public static TiffReader Parse(byte[] b)
    {
        Assert.That(Encoding.ASCII.GetString(b, 0, 2), Is.EqualTo("II"), "little-endian TIFF");
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2)), Is.EqualTo(42));
        var r = new TiffReader();
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4));
        var n = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(ifd));
        for (var i = 0; i < n; i++)
        {
            var e = b.AsSpan(ifd + 2 + 12 * i, 12);
            int tag = BinaryPrimitives.ReadUInt16LittleEndian(e), type = BinaryPrimitives.ReadUInt16LittleEndian(e[2..]);
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(e[4..]);
            var size = type switch { 1 or 2 or 7 => 1, 3 => 2, 4 => 4, 5 or 12 => 8, _ => 1 } * count;
            var data = size <= 4 ? e.Slice(8, size).ToArray() : b.AsSpan((int)BinaryPrimitives.ReadUInt32LittleEndian(e[8..]), size).ToArray();
            r.Tags[tag] = type switch
            {
                2 => Encoding.ASCII.GetString(data).TrimEnd('\0'),
                3 => count == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(data) : (object)data,
                4 => count == 1 ? BinaryPrimitives.ReadUInt32LittleEndian(data) : (object)data,
                12 => BinaryPrimitives.ReadDoubleLittleEndian(data),
                _ => data,
            };
        }
        var offset = Convert.ToInt32(r.Tags[273]);
        var length = Convert.ToInt32(r.Tags[279]);
        r.Pixels = b.AsSpan(offset, length).ToArray();
        return r;
    }
}
