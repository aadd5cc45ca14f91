using System.Globalization;
using BitMiracle.LibTiff.Classic;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>Writes one frame as an NDFileTIFF-style TIFF (B2): one uncompressed strip, areaDetector's private tags.</summary>
/// <remarks>Tags 65000 NDTimeStamp (double), 65001 NDUniqueId, 65002 EPICSTSSec, 65003 EPICSTSNsec (long), and from
/// 65010 one ASCII tag <c>name:value</c> per NDAttribute; Software = "EPICS areaDetector", Make/Model from the detector.</remarks>
public static class TiffFrameWriter
{
    public const int NdTimeStampTag = 65000;
    public const int NdUniqueIdTag = 65001;
    public const int EpicsTsSecTag = 65002;
    public const int EpicsTsNsecTag = 65003;
    public const int FirstAttributeTag = 65010;

    private static readonly object TagGate = new();
    private static bool _extended;

    /// <summary>Writes <paramref name="frame"/> to <paramref name="stream"/> (left open); <paramref name="attributes"/> become tags 65010+.</summary>
    /// <exception cref="IOException">the image could not be written.</exception>
    public static void Write(Stream stream, Frame frame, string manufacturer, string model, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        RegisterTags(attributes.Count);
        using var tif = Tiff.ClientOpen("frame", "w", stream, new TiffStream())
            ?? throw new IOException("cannot open a TIFF writer on the output stream");
        tif.SetField(TiffTag.IMAGEWIDTH, frame.Width);
        tif.SetField(TiffTag.IMAGELENGTH, frame.Height);
        tif.SetField(TiffTag.BITSPERSAMPLE, frame.Type.BytesPerPixel() * 8);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        tif.SetField(TiffTag.SAMPLEFORMAT, frame.Type == PixelType.Float32 ? SampleFormat.IEEEFP : SampleFormat.UINT);
        tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
        tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        tif.SetField(TiffTag.COMPRESSION, Compression.NONE);
        tif.SetField(TiffTag.ROWSPERSTRIP, frame.Height);
        tif.SetField(TiffTag.SOFTWARE, "EPICS areaDetector");
        tif.SetField(TiffTag.MAKE, manufacturer);
        tif.SetField(TiffTag.MODEL, model);
        tif.SetField((TiffTag)NdTimeStampTag, frame.EpicsTimeStamp);
        tif.SetField((TiffTag)NdUniqueIdTag, frame.UniqueId);
        var (sec, nsec) = frame.EpicsTime;
        tif.SetField((TiffTag)EpicsTsSecTag, (int)sec);
        tif.SetField((TiffTag)EpicsTsNsecTag, (int)nsec);
        for (var i = 0; i < attributes.Count; i++)
            tif.SetField((TiffTag)(FirstAttributeTag + i), $"{attributes[i].Key}:{attributes[i].Value}");
        var bytes = frame.Bytes.ToArray();
        if (tif.WriteEncodedStrip(0, bytes, bytes.Length) < 0) throw new IOException("writing the TIFF image strip failed");
        if (!tif.WriteDirectory()) throw new IOException("writing the TIFF directory failed");
        tif.Flush();
    }

    /// <summary>The NDAttributes written as tags 65010+ for a frame.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DefaultAttributes(Frame frame) =>
    [
        new("ColorMode", "0"),
        new("NDArrayUniqueId", frame.UniqueId.ToString(CultureInfo.InvariantCulture)),
        new("ExposureTime", frame.ExposureSeconds.ToString("F6", CultureInfo.InvariantCulture)),
    ];

    private static void RegisterTags(int attributeCount)
    {
        lock (TagGate)
        {
            if (_extended) return;
            var infos = new List<TiffFieldInfo>
            {
                new((TiffTag)NdTimeStampTag, 1, 1, TiffType.DOUBLE, FieldBit.Custom, true, false, "NDTimeStamp"),
                new((TiffTag)NdUniqueIdTag, 1, 1, TiffType.LONG, FieldBit.Custom, true, false, "NDUniqueId"),
                new((TiffTag)EpicsTsSecTag, 1, 1, TiffType.LONG, FieldBit.Custom, true, false, "EPICSTSSec"),
                new((TiffTag)EpicsTsNsecTag, 1, 1, TiffType.LONG, FieldBit.Custom, true, false, "EPICSTSNsec"),
            };
            // Room for up to 64 attribute tags; areaDetector allows 65010…65535.
            for (var i = 0; i < Math.Max(64, attributeCount); i++)
                infos.Add(new((TiffTag)(FirstAttributeTag + i), -1, -1, TiffType.ASCII, FieldBit.Custom, true, false, $"NDAttribute{i}"));
            var all = infos.ToArray();
            Tiff.TiffExtendProc? parent = null;
            parent = Tiff.SetTagExtender(tif =>
            {
                tif.MergeFieldInfo(all, all.Length);
                parent?.Invoke(tif);
            });
            _extended = true;
        }
    }
}
