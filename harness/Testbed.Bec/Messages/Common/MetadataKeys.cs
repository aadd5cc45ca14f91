namespace Testbed.Bec.Messages.Common;

/// <summary>The metadata keys BEC's services read and write (spec §3.2; as recorded).</summary>
public static class MetadataKeys
{
    /// <summary>Request id of the client's request; correlates replies, instructions and readings.</summary>
    public const string Rid = "RID";
    public const string ScanId = "scan_id";
    public const string QueueId = "queue_id";

    /// <summary>Id of one device instruction; its acknowledgements carry it as <c>instruction_id</c>.</summary>
    public const string DeviceInstrId = "device_instr_id";

    /// <summary>Point index of a monitored read.</summary>
    public const string PointId = "point_id";

    /// <summary>"baseline" on the baseline read.</summary>
    public const string ReadoutPriority = "readout_priority";

    /// <summary>umv: false on its rpc, true on its set (the device server then writes <c>req_status</c>).</summary>
    public const string Response = "response";

    /// <summary>How async device data is aggregated (<see cref="Devices.DeviceAsyncUpdate"/>).</summary>
    public const string AsyncUpdate = "async_update";

    /// <summary>The scan ids a stop_devices request stops (a list).</summary>
    public const string StopId = "stop_id";

    public const string ClientInfo = "client_info";
    public const string UserMetadata = "user_metadata";
}
