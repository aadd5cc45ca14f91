using System.Runtime.InteropServices;

namespace Testbed.Writer.Hdf5;

public sealed unsafe partial class Hdf5File
{
    /// <summary>A one-dimensional UTF-8 string array attribute (NXdata <c>axes</c> of several axes, as h5py writes a list of str).</summary>
    public void Attribute(string path, string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (H5Lib.Gate)
        {
            var o = OpenObject(path);
            var what = Where($"{path}@{name}");
            var type = StringType($"{path}@{name}");
            long space = -1, attribute = -1;
            var texts = values.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
            try
            {
                var dims = (ulong)texts.Length;
                space = H5Lib.Id(H5Api.H5Screate_simple(1, &dims, null), "H5Screate_simple", what);
                attribute = H5Lib.Id(H5Api.H5Acreate2(o.Id, name, type, space, H5Api.H5P_DEFAULT, H5Api.H5P_DEFAULT), "H5Acreate2", what);
                fixed (IntPtr* p = texts) H5Lib.Check(H5Api.H5Awrite(attribute, type, p), "H5Awrite", what);
            }
            finally
            {
                foreach (var t in texts) Marshal.FreeCoTaskMem(t);
                H5Lib.CloseQuietly(attribute, H5Api.H5Aclose);
                H5Lib.CloseQuietly(space, H5Api.H5Sclose);
                H5Lib.CloseQuietly(type, H5Api.H5Tclose);
                H5Lib.CloseQuietly(o.Id, o.Close);
            }
        }
    }
}
