namespace Testbed.Dashboard.Plots;

/// <summary>Writes a PNG without overwriting anything and without a half-written file under the final name.</summary>
public static class PngFile
{
    public static void Write(string path, byte[] png)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new IOException($"{full} exists; choose another --out or remove it first");
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new IOException($"{dir} does not exist; create the folder or choose another --out");
        var temp = full + ".part";
        File.WriteAllBytes(temp, png);
        try { File.Move(temp, full, overwrite: false); }
        catch (IOException)
        {
            File.Delete(temp);
            throw new IOException($"{full} appeared while it was written; choose another --out");
        }
    }
}
