namespace Testbed.Twin.Detector.Files;

/// <summary>Finishing a file written under its temporary name: close, size it to the frames it got, announce; or delete it.</summary>
internal static class TemporaryFile
{
    /// <summary>Closes <paramref name="file"/> (on disk at <paramref name="temp"/>), replaces it by an exactly-sized copy if it got
    /// fewer frames than it was opened for, then runs <paramref name="publish"/>; on any failure the temporary file is deleted.</summary>
    public static void CloseSizedAndPublish(FixedCapacityFrameFile file, string temp, Action publish)
    {
        try
        {
            file.Close();
            if (file.Count < file.Capacity)
            {
                // Stopped early (cancelled stream, disarm): the file on disk must hold exactly the frames acquired.
                var exact = temp + ".exact";
                try { file.CopyWrittenFramesTo(temp, exact); }
                catch { TryDelete(exact); throw; }
                File.Move(exact, temp, overwrite: true);
            }
            publish();
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it can; a file that cannot be deleted is left (the error that led here matters more).</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
