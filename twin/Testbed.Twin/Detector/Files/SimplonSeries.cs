using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Detector.Files;

/// <summary>One armed series in the SIMPLON layout: data files of nimages_per_file frames, then the master at the end.</summary>
/// <remarks>Data files <c>&lt;name&gt;_data_000001.h5</c>, … are closed when full or at the end of the series; the master
/// <c>&lt;name&gt;_master.h5</c> is written last, when every file it links to is complete. With nimages_per_file 0 the
/// frames go into the master itself (<see cref="SimplonFramesInMaster"/>). Every file is written under its temporary name and
/// announced after the rename.</remarks>
internal sealed class SimplonSeries(string directory, string name, SeriesInfo series, SimplonMetadata metadata, FileWriterSettings settings,
    Action<string, string, string?, int, int> publish)
{
    private readonly List<string> _dataFiles = [];
    private SimplonDataFile? _open;
    private SimplonFramesInMaster? _inMaster;
    private string? _openPath;
    private int _firstIdOfOpen;
    private int _written;
    private int _firstIdOfSeries;
    private bool _masterWritten;

    public string MasterPath => Path.Combine(directory, name + "_master.h5");

    private bool DataInMaster => settings.FramesPerFile == 0;

    public void Write(Frame frame)
    {
        if (_masterWritten) throw new InvalidOperationException($"series {series.SequenceId} is complete: its master file is written");
        if (DataInMaster)
        {
            _inMaster ??= OpenMaster(frame);
            _inMaster.Append(frame);
        }
        else
        {
            if (_open is null) Open(frame);
            _open!.Append(frame);
        }
        if (_written == 0) _firstIdOfSeries = frame.UniqueId;
        _written++;
        if (_open is not null && _open.Count == _open.Capacity) CloseOpen();
    }

    /// <summary>Closes the open file and writes the master (disarm, cancel, end of the series).</summary>
    public void Finish()
    {
        if (_open is not null) CloseOpen();
        if (_masterWritten) return;
        var temp = MasterPath + settings.TempSuffix;
        try
        {
            // Listed with the frames it links to (or holds): its data are the series.
            var dataset = "/entry/data";
            if (_inMaster is { } inMaster)
            {
                _inMaster = null;
                inMaster.Close();
                dataset = SimplonFramesInMaster.DatasetPath;
            }
            else SimplonMasterFile.Write(temp, metadata, _dataFiles);
            _masterWritten = true;
            publish(temp, MasterPath, dataset, _written, _firstIdOfSeries);
        }
        catch
        {
            _inMaster?.Dispose();
            _inMaster = null;
            TemporaryFile.TryDelete(temp);
            throw;
        }
    }

    /// <summary>Drops the open file without announcing it (abort, writer failure).</summary>
    public void Drop()
    {
        if (_inMaster is not null)
        {
            _inMaster.Dispose();
            _inMaster = null;
            TemporaryFile.TryDelete(MasterPath + settings.TempSuffix);
        }
        if (_open is null) return;
        _open.Dispose();
        TemporaryFile.TryDelete(_openPath! + settings.TempSuffix);
        _open = null;
        _openPath = null;
    }

    private void Open(Frame first)
    {
        var capacity = Math.Min(settings.FramesPerFile, Math.Max(1, series.TotalImages - _written));
        var path = Path.Combine(directory, $"{name}_data_{_dataFiles.Count + 1:D6}.h5");
        var temp = path + settings.TempSuffix;
        try
        {
            _open = SimplonDataFile.Create(temp, first.Width, first.Height, first.Type, capacity, settings.ImageNrStart + _written, settings.FramesPerChunk);
            _openPath = path;
            _firstIdOfOpen = first.UniqueId;
        }
        catch
        {
            TemporaryFile.TryDelete(temp);
            throw;
        }
    }

    private void CloseOpen()
    {
        var file = _open!;
        var path = _openPath!;
        var temp = path + settings.TempSuffix;
        _open = null;
        _openPath = null;
        TemporaryFile.CloseSizedAndPublish(file, temp, () =>
        {
            _dataFiles.Add(Path.GetFileName(path));
            publish(temp, path, file.DatasetPath, file.Count, _firstIdOfOpen);
        });
    }

    private SimplonFramesInMaster OpenMaster(Frame first)
    {
        var temp = MasterPath + settings.TempSuffix;
        try
        {
            return SimplonFramesInMaster.Create(temp, first.Width, first.Height, first.Type, settings.ImageNrStart, settings.FramesPerChunk, metadata);
        }
        catch
        {
            TemporaryFile.TryDelete(temp);
            throw;
        }
    }
}
