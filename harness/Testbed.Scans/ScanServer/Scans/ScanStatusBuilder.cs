using Testbed.Bec;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Queue;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>The ScanStatusMessages of one scan with the fields and info keys the recorded scan server sends (fixture 02 seq 445):
/// the message's own metadata is {}, the request metadata sits in info["metadata"], num_monitored_readouts is set from open on.</summary>
public sealed class ScanStatusBuilder
{
    private readonly StepJob _job;
    private readonly QueueItem _item;
    private readonly long _number;
    private readonly long _dataset;

    public ScanStatusBuilder(StepJob job, QueueItem item, long number, long dataset, IReadOnlyList<string> fileComponents)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(item);
        _job = job;
        _item = item;
        _number = number;
        _dataset = dataset;
        Info = BuildInfo(fileComponents);
    }

    /// <summary>The info dict (extended with the blissdata contract at open).</summary>
    public BecMap Info { get; }

    public ScanStatusMessage Build(ScanStatus status, ScanStatusReason? reason, TimeProvider time) => new()
    {
        ScanId = _item.ScanId,
        Status = status,
        Reason = reason,
        ScanNumber = _number,
        SessionId = null,
        NumPoints = _job.Points,
        NumMonitoredReadouts = _job.Readouts,
        ScanName = _job.ScanName,
        ScanType = ScanType.SoftwareTriggered,
        DatasetNumber = _dataset,
        ScanReportDevices = _job.Motors,
        UserMetadata = UserMetadata,
        ReadoutPriority = _job.Devices.ReadoutPriority,
        ScanParameters = ScanParameters,
        RequestInputs = RequestInputs,
        Info = Info,
        Timestamp = BecTime.Now(time),
    };

    private BecMap UserMetadata => _item.Request.Metadata.GetOrNull(MetadataKeys.UserMetadata) as BecMap ?? [];

    private BecValue SystemConfig =>
        (_item.Request.Parameter.GetOrNull("kwargs") as BecMap)?.GetOrNull("system_config")
        ?? new BecMap { ["file_suffix"] = BecValue.Nil, ["file_directory"] = BecValue.Nil };

    private BecMap ScanParameters
    {
        get
        {
            var p = new BecMap
            {
                ["exp_time"] = _job.ExpTime,
                ["frames_per_trigger"] = _job.FramesPerTrigger,
                ["settling_time"] = _job.SettlingTime,
                ["readout_time"] = _job.ReadoutTime,
                ["relative"] = _job.Relative,
            };
            foreach (var (k, v) in _job.Additional.Entries) p.Add(k, v);
            p.Add("system_config", SystemConfig);
            return p;
        }
    }

    private BecMap RequestInputs => new() { ["arg_bundle"] = _job.ArgBundle, ["inputs"] = new BecMap(), ["kwargs"] = _job.SentKwargs };

    private BecMap BuildInfo(IReadOnlyList<string> fileComponents)
    {
        var metadata = new BecMap();
        foreach (var (k, v) in _item.Request.Metadata.Entries)
            if (!(k.TryGetKeyString(out var name) && name == MetadataKeys.UserMetadata)) metadata.Add(k, v);
        var positions = new BecList(_job.Motors.Count == 0 ? [] : _job.Positions.Select(p => (BecValue)new BecList(p.Select(x => (BecValue)x))));
        return new BecMap
        {
            ["scan_name"] = _job.ScanName,
            ["scan_id"] = _item.ScanId,
            ["scan_type"] = "software_triggered",
            ["scan_number"] = _number,
            ["dataset_number"] = _dataset,
            ["num_points"] = _job.Points,
            ["positions"] = positions,
            ["exp_time"] = _job.ExpTime,
            ["frames_per_trigger"] = _job.FramesPerTrigger,
            ["settling_time"] = _job.SettlingTime,
            ["settling_time_after_trigger"] = _job.SettlingTimeAfterTrigger,
            ["readout_time"] = _job.ReadoutTime,
            ["burst_at_each_point"] = _job.Burst,
            ["relative"] = _job.Relative,
            ["run_on_exception_hook"] = true,
            ["request_inputs"] = RequestInputs,
            ["readout_priority_modification"] = _item.ReadoutModification,
            ["scan_report_instructions"] = ReportInstructions(_job.Points),
            ["scan_report_devices"] = ScanDevices.Strings(_job.Motors),
            ["monitor_sync"] = BecValue.Nil,
            ["additional_scan_parameters"] = _job.Additional,
            ["user_metadata"] = UserMetadata,
            ["system_config"] = SystemConfig,
            ["scan_queue"] = ScanQueue.Primary,
            ["metadata"] = metadata,
            ["num_monitored_readouts"] = _job.Readouts,
            ["file_components"] = ScanDevices.Strings(fileComponents),
            ["scan_parameters"] = ScanParameters,
            ["readout_priority"] = _job.Devices.ReadoutPriority,
        };
    }

    /// <summary>What the client's progress display is told (queue RequestBlock and info).</summary>
    public static BecList ReportInstructions(long points) =>
        [new BecMap { ["scan_progress"] = new BecMap { ["points"] = points, ["show_table"] = true } }];
}
