using System.Buffers.Binary;
using System.Text;
using PureHDF;

namespace Testbed.Twin.Detector.Files;

/// <summary>HDF5 external links (link type 64) in files written by PureHDF, which can read but not write them.</summary>
/// <remarks>
/// A soft link's stored value and an external link's link information have the same framing (a 2-byte length and the
/// bytes), so the group is written with a soft link whose value is an external link's information: a version/flags
/// byte 0, the file name, NUL, the object path, NUL. <see cref="Convert"/> then finds that link message in the encoded
/// file, changes its link type from soft (1) to external (64) and recomputes the object header checksum.
/// It checks every byte it relies on and throws if the file does not look as expected, so a file is never announced
/// with a dangling placeholder.
/// </remarks>
public static class ExternalLinks
{
    private const byte SoftLink = 1;
    private const byte ExternalLink = 64;

    /// <summary>The placeholder to put into a group under the link's name.</summary>
    public static H5SoftLink Placeholder(string fileName, string objectPath) => new(Information(fileName, objectPath));

    /// <summary>Turns the placeholder named <paramref name="linkName"/> in the encoded file into an external link.</summary>
    /// <exception cref="InvalidDataException">the placeholder or its object header is not where PureHDF 2.2.0 puts them.</exception>
    public static void Convert(byte[] file, string linkName, string fileName, string objectPath)
    {
        var name = Encoding.UTF8.GetBytes(linkName);
        var info = Encoding.UTF8.GetBytes(Information(fileName, objectPath));
        // Link message v1 as PureHDF encodes it: version 1, flags 0x1A (type present, UTF-8 field present,
        // 4-byte name length), link type, character set 1, name length, name, value length, value.
        var pattern = new byte[4 + 4 + name.Length + 2 + info.Length];
        pattern[0] = 1;
        pattern[1] = 0x1A;
        pattern[2] = SoftLink;
        pattern[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(pattern.AsSpan(4), (uint)name.Length);
        name.CopyTo(pattern, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(pattern.AsSpan(8 + name.Length), (ushort)info.Length);
        info.CopyTo(pattern, 10 + name.Length);

        var at = file.AsSpan().IndexOf(pattern);
        if (at < 0 || file.AsSpan(at + 1).IndexOf(pattern) >= 0)
            throw new InvalidDataException($"link '{linkName}' → '{fileName}:{objectPath}' was not encoded as expected (exactly once)");
        var (start, checksumAt) = HeaderAround(file, at, pattern.Length);
        if (Lookup3.Hash(file.AsSpan(start, checksumAt - start)) != BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(checksumAt)))
            throw new InvalidDataException($"the object header holding link '{linkName}' has an unexpected checksum");
        file[at + 2] = ExternalLink;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(checksumAt), Lookup3.Hash(file.AsSpan(start, checksumAt - start)));
    }

    private static string Information(string fileName, string objectPath)
    {
        if (fileName.Contains('\0') || objectPath.Contains('\0')) throw new ArgumentException("link targets must not contain NUL");
        return "\0" + fileName + "\0" + objectPath + "\0";
    }

    /// <summary>The version 2 object header ("OHDR", flags 0x03: 8-byte chunk size, no times) whose chunk 0 contains the message.</summary>
    private static (int Start, int ChecksumAt) HeaderAround(byte[] file, int message, int length)
    {
        var signature = "OHDR"u8;
        for (var start = file.AsSpan(0, message).LastIndexOf(signature); start >= 0; start = file.AsSpan(0, start).LastIndexOf(signature))
        {
            if (start + 14 > file.Length || file[start + 4] != 2 || file[start + 5] != 0x03) continue;
            var size = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(start + 6));
            var checksumAt = start + 14 + (long)size;
            if (checksumAt + 4 <= file.Length && message + length <= checksumAt) return (start, (int)checksumAt);
        }
        throw new InvalidDataException("no object header found around the link message");
    }
}
