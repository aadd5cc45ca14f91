namespace Testbed.Twin.Detector.Files;

/// <summary>Finishing a file written under its temporary name: close, size it to the frames it got, announce; or delete it.</summary>
internal static class TemporaryFile
{
    /// <summary>Closes <paramref name="file"/> (on disk at <paramref name="temp"/>), replaces it by an exactly-sized copy if it got
    /// fewer frames than it was opened for, then runs <paramref name="publish"/>; on any failure the temporary file is deleted.</summary>
    /// <param name="file">The file, still open.</param>
    /// <param name="temp">Its temporary name on disk.</param>
    /// <param name="publish">Announces it (rename and list).</param>
    /// <param name="note">The root <c>incomplete</c> attribute of a file closed short (default: the series stopped early).</param>
    public static void CloseSizedAndPublish(FixedCapacityFrameFile file, string temp, Action publish, string? note = null)
    {
        try
        {
            file.Close();
            if (file.Count < file.Capacity)
            {
                // Stopped early (cancelled stream, disarm): the file on disk must hold exactly the frames acquired.
                var exact = temp + ".exact";
                try { file.CopyWrittenFramesTo(temp, exact, note); }
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
