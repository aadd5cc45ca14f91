using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;

namespace Testbed.Bec.Endpoints;

// One line per endpoint, as bec_lib 3.165.1 declares it (spec Appendix A): key string, message class, operation family.
public static partial class MessageEndpoints
{
    /// <summary><c>info/queue/queue_modification</c> · ScanQueueModificationMessage · SEND</summary>
    public static EndpointInfo<ScanQueueModificationMessage> ScanQueueModification() => new("scan_queue_modification", "info/queue/queue_modification", "ScanQueueModificationMessage", MessageOp.Send);

    /// <summary><c>user/queue/queue_modification_request</c> · ScanQueueModificationMessage · SEND</summary>
    public static EndpointInfo<ScanQueueModificationMessage> ScanQueueModificationRequest() => new("scan_queue_modification_request", "user/queue/queue_modification_request", "ScanQueueModificationMessage", MessageOp.Send);

    /// <summary><c>info/queue/scan_restart</c> · ScanRestartMessage · SEND</summary>
    public static EndpointInfo<ScanRestartMessage> ScanRestart() => new("scan_restart", "info/queue/scan_restart", "ScanRestartMessage", MessageOp.Send);

    /// <summary><c>user/queue/queue_order_change_request</c> · ScanQueueOrderMessage · SEND</summary>
    public static EndpointInfo<ScanQueueOrderMessage> ScanQueueOrderChangeRequest() => new("scan_queue_order_change_request", "user/queue/queue_order_change_request", "ScanQueueOrderMessage", MessageOp.Send);

    /// <summary><c>info/queue/queue_order_change_response</c> · RequestResponseMessage · SEND</summary>
    public static EndpointInfo<RequestResponseMessage> ScanQueueOrderChangeResponse() => new("scan_queue_order_change_response", "info/queue/queue_order_change_response", "RequestResponseMessage", MessageOp.Send);

    /// <summary><c>info/queue/queue_order_change</c> · ScanQueueOrderMessage · SEND</summary>
    public static EndpointInfo<ScanQueueOrderMessage> ScanQueueOrderChange() => new("scan_queue_order_change", "info/queue/queue_order_change", "ScanQueueOrderMessage", MessageOp.Send);

    /// <summary><c>info/queue/queue_insert</c> · ScanQueueMessage · SEND</summary>
    public static EndpointInfo<ScanQueueMessage> ScanQueueInsert() => new("scan_queue_insert", "info/queue/queue_insert", "ScanQueueMessage", MessageOp.Send);

    /// <summary><c>personal/{username}/queue/queue_request</c> · ScanQueueMessage · SEND</summary>
    public static EndpointInfo<ScanQueueMessage> ScanQueueRequest(string username) => new("scan_queue_request", $"personal/{username}/queue/queue_request", "ScanQueueMessage", MessageOp.Send);

    /// <summary><c>info/queue/queue_request_response</c> · RequestResponseMessage · SEND</summary>
    public static EndpointInfo<RequestResponseMessage> ScanQueueRequestResponse() => new("scan_queue_request_response", "info/queue/queue_request_response", "RequestResponseMessage", MessageOp.Send);

    /// <summary><c>info/queue/queue_status</c> · ScanQueueStatusMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ScanQueueStatusMessage> ScanQueueStatus() => new("scan_queue_status", "info/queue/queue_status", "ScanQueueStatusMessage", MessageOp.SetPublish);

    /// <summary><c>info/queue/queue_history</c> · ScanQueueHistoryMessage · LIST</summary>
    public static EndpointInfo<ScanQueueHistoryMessage> ScanQueueHistory() => new("scan_queue_history", "info/queue/queue_history", "ScanQueueHistoryMessage", MessageOp.List);

    /// <summary><c>user/queue/queue_schedule/{schedule_name}</c> · ScanQueueMessage · LIST</summary>
    public static EndpointInfo<ScanQueueMessage> ScanQueueSchedule(string scheduleName) => new("scan_queue_schedule", $"user/queue/queue_schedule/{scheduleName}", "ScanQueueMessage", MessageOp.List);

    /// <summary><c>user/scan_number</c> · VariableMessage · KEY_VALUE</summary>
    public static EndpointInfo<VariableMessage> ScanNumber() => new("scan_number", "user/scan_number", "VariableMessage", MessageOp.KeyValue);

    /// <summary><c>info/scans/scan_status</c> · ScanStatusMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ScanStatusMessage> ScanStatus() => new("scan_status", "info/scans/scan_status", "ScanStatusMessage", MessageOp.SetPublish);

    /// <summary><c>info/scans/scan_progress</c> · ProgressMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ProgressMessage> ScanProgress() => new("scan_progress", "info/scans/scan_progress", "ProgressMessage", MessageOp.SetPublish);

    /// <summary><c>info/scans/scan_history</c> · ScanHistoryMessage · STREAM</summary>
    public static EndpointInfo<ScanHistoryMessage> ScanHistory() => new("scan_history", "info/scans/scan_history", "ScanHistoryMessage", MessageOp.Stream);

    /// <summary><c>info/scans/available_scans</c> · AvailableResourceMessage · SET_PUBLISH</summary>
    public static EndpointInfo<AvailableResourceMessage> AvailableScans() => new("available_scans", "info/scans/available_scans", "AvailableResourceMessage", MessageOp.SetPublish);

    /// <summary><c>info/scans/scan_segment</c> · ScanMessage · SEND</summary>
    public static EndpointInfo<ScanMessage> ScanSegment() => new("scan_segment", "info/scans/scan_segment", "ScanMessage", MessageOp.Send);

    /// <summary><c>info/scans/scan_baseline</c> · ScanBaselineMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ScanBaselineMessage> ScanBaseline() => new("scan_baseline", "info/scans/scan_baseline", "ScanBaselineMessage", MessageOp.SetPublish);

    /// <summary><c>admin/pre_scan_macros</c> · VariableMessage · LIST</summary>
    public static EndpointInfo<VariableMessage> PreScanMacros() => new("pre_scan_macros", "admin/pre_scan_macros", "VariableMessage", MessageOp.List);

    /// <summary><c>info/public/{scan_id}/scan_info</c> · ScanStatusMessage · KEY_VALUE</summary>
    public static EndpointInfo<ScanStatusMessage> PublicScanInfo(string scanId) => new("public_scan_info", $"info/public/{scanId}/scan_info", "ScanStatusMessage", MessageOp.KeyValue);

    /// <summary><c>info/public/{scan_id}/scan_segment/{point_id}</c> · ScanMessage · KEY_VALUE</summary>
    public static EndpointInfo<ScanMessage> PublicScanSegment(string scanId, string pointId) => new("public_scan_segment", $"info/public/{scanId}/scan_segment/{pointId}", "ScanMessage", MessageOp.KeyValue);

    /// <summary><c>info/public/{scan_id}/scan_baseline</c> · ScanBaselineMessage · KEY_VALUE</summary>
    public static EndpointInfo<ScanBaselineMessage> PublicScanBaseline(string scanId) => new("public_scan_baseline", $"info/public/{scanId}/scan_baseline", "ScanBaselineMessage", MessageOp.KeyValue);

    /// <summary><c>info/public/{scan_id}/file/{name}</c> · FileMessage · SET_PUBLISH</summary>
    public static EndpointInfo<FileMessage> PublicFile(string scanId, string name) => new("public_file", $"info/public/{scanId}/file/{name}", "FileMessage", MessageOp.SetPublish);

    /// <summary><c>info/public/file_event/{name}</c> · FileMessage · SET_PUBLISH</summary>
    public static EndpointInfo<FileMessage> FileEvent(string name) => new("file_event", $"info/public/file_event/{name}", "FileMessage", MessageOp.SetPublish);

    /// <summary><c>internal/internal/file_content</c> · FileContentMessage · SET_PUBLISH</summary>
    public static EndpointInfo<FileContentMessage> FileContent() => new("file_content", "internal/internal/file_content", "FileContentMessage", MessageOp.SetPublish);

    /// <summary><c>user/storage/copy_request</c> · StorageCopyRequestMessage · SEND</summary>
    public static EndpointInfo<BecMessage> StorageCopyRequest() => new("storage_copy_request", "user/storage/copy_request", "StorageCopyRequestMessage", MessageOp.Send);

    /// <summary><c>info/actor/builtin/scan_interlock/current_states_watched</c> · ScanInterlockStateTableContent · KEY_VALUE</summary>
    public static EndpointInfo<BecMessage> ScanInterlockStates() => new("scan_interlock_states", "info/actor/builtin/scan_interlock/current_states_watched", "ScanInterlockStateTableContent", MessageOp.KeyValue);

    /// <summary><c>user/actor/builtin/scan_interlock/config/enabled</c> · BoolConfigDefaultFalse · STREAM</summary>
    public static EndpointInfo<BoolConfigDefaultFalse> ScanInterlockEnabled() => new("scan_interlock_enabled", "user/actor/builtin/scan_interlock/config/enabled", "BoolConfigDefaultFalse", MessageOp.Stream);

    /// <summary><c>user/actor/builtin/scan_interlock/config/trigger_setting</c> · ScanInterlockTriggerSettingMessage · STREAM</summary>
    public static EndpointInfo<ScanInterlockTriggerSettingMessage> ScanInterlockTriggerSetting() => new("scan_interlock_trigger_setting", "user/actor/builtin/scan_interlock/config/trigger_setting", "ScanInterlockTriggerSettingMessage", MessageOp.Stream);
}
