using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;

namespace Testbed.Bec.Endpoints;

// One line per endpoint, as bec_lib 3.165.1 declares it (spec Appendix A): key string, message class, operation family.
public static partial class MessageEndpoints
{
    /// <summary><c>info/devices/status/{device}</c> · DeviceStatusMessage · KEY_VALUE</summary>
    public static EndpointInfo<DeviceStatusMessage> DeviceStatus(string device) => new("device_status", $"info/devices/status/{device}", "DeviceStatusMessage", MessageOp.KeyValue);

    /// <summary><c>info/devices/read/{device}</c> · DeviceMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DeviceMessage> DeviceRead(string device) => new("device_read", $"info/devices/read/{device}", "DeviceMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/read_configuration/{device}</c> · DeviceMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DeviceMessage> DeviceReadConfiguration(string device) => new("device_read_configuration", $"info/devices/read_configuration/{device}", "DeviceMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/readback/{device}</c> · DeviceMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DeviceMessage> DeviceReadback(string device) => new("device_readback", $"info/devices/readback/{device}", "DeviceMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/raw/{device}</c> · DeviceMessage · STREAM</summary>
    public static EndpointInfo<DeviceMessage> DeviceRaw(string device) => new("device_raw", $"info/devices/raw/{device}", "DeviceMessage", MessageOp.Stream);

    /// <summary><c>info/devices/limits/{device}</c> · DeviceMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DeviceMessage> DeviceLimits(string device) => new("device_limits", $"info/devices/limits/{device}", "DeviceMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/req_status/{request_id}</c> · DeviceReqStatusMessage · STREAM</summary>
    public static EndpointInfo<DeviceReqStatusMessage> DeviceReqStatus(string requestId) => new("device_req_status", $"info/devices/req_status/{requestId}", "DeviceReqStatusMessage", MessageOp.Stream);

    /// <summary><c>info/devices/progress/{device}</c> · ProgressMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ProgressMessage> DeviceProgress(string device) => new("device_progress", $"info/devices/progress/{device}", "ProgressMessage", MessageOp.SetPublish);

    /// <summary><c>user/devices/config_request</c> · DeviceConfigMessage · SEND</summary>
    public static EndpointInfo<DeviceConfigMessage> DeviceConfigRequest() => new("device_config_request", "user/devices/config_request", "DeviceConfigMessage", MessageOp.Send);

    /// <summary><c>info/devices/config_request_response/{RID}</c> · RequestResponseMessage · KEY_VALUE</summary>
    public static EndpointInfo<RequestResponseMessage> DeviceConfigRequestResponse(string rid) => new("device_config_request_response", $"info/devices/config_request_response/{rid}", "RequestResponseMessage", MessageOp.KeyValue);

    /// <summary><c>internal/devices/device_server_config_update</c> · DeviceConfigMessage · SEND</summary>
    public static EndpointInfo<DeviceConfigMessage> DeviceServerConfigRequest() => new("device_server_config_request", "internal/devices/device_server_config_update", "DeviceConfigMessage", MessageOp.Send);

    /// <summary><c>info/devices/config_update</c> · DeviceConfigMessage · SEND</summary>
    public static EndpointInfo<DeviceConfigMessage> DeviceConfigUpdate() => new("device_config_update", "info/devices/config_update", "DeviceConfigMessage", MessageOp.Send);

    /// <summary><c>info/devices/config</c> · AvailableResourceMessage · KEY_VALUE</summary>
    public static EndpointInfo<AvailableResourceMessage> DeviceConfig() => new("device_config", "info/devices/config", "AvailableResourceMessage", MessageOp.KeyValue);

    /// <summary><c>info/devices/config_history</c> · AvailableResourceMessage · LIST</summary>
    public static EndpointInfo<AvailableResourceMessage> DeviceConfigHistory() => new("device_config_history", "info/devices/config_history", "AvailableResourceMessage", MessageOp.List);

    /// <summary><c>info/devices/initialization_progress</c> · DeviceInitializationProgressMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DeviceInitializationProgressMessage> DeviceInitializationProgress() => new("device_initialization_progress", "info/devices/initialization_progress", "DeviceInitializationProgressMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/info/{device}</c> · DeviceInfoMessage · KEY_VALUE</summary>
    public static EndpointInfo<DeviceInfoMessage> DeviceInfo(string device) => new("device_info", $"info/devices/info/{device}", "DeviceInfoMessage", MessageOp.KeyValue);

    /// <summary><c>info/devices/staged/{device}</c> · DeviceStatusMessage · KEY_VALUE</summary>
    public static EndpointInfo<DeviceStatusMessage> DeviceStaged(string device) => new("device_staged", $"info/devices/staged/{device}", "DeviceStatusMessage", MessageOp.KeyValue);

    /// <summary><c>info/devices/async_readback/{scan_id}/{device}</c> · DeviceMessage · STREAM</summary>
    public static EndpointInfo<DeviceMessage> DeviceAsyncReadback(string scanId, string device) => new("device_async_readback", $"info/devices/async_readback/{scanId}/{device}", "DeviceMessage", MessageOp.Stream);

    /// <summary><c>info/devices/async_signal/{scan_id}/{device}/{signal}</c> · DeviceMessage · STREAM</summary>
    public static EndpointInfo<DeviceMessage> DeviceAsyncSignal(string scanId, string device, string signal) => new("device_async_signal", $"info/devices/async_signal/{scanId}/{device}/{signal}", "DeviceMessage", MessageOp.Stream);

    /// <summary><c>info/devices/async_signal_index/{scan_id}/{device}/{signal}</c> · DeviceAsyncSignalIndexMessage · LIST</summary>
    public static EndpointInfo<BecMessage> DeviceAsyncSignalIndex(string scanId, string device, string signal) => new("device_async_signal_index", $"info/devices/async_signal_index/{scanId}/{device}/{signal}", "DeviceAsyncSignalIndexMessage", MessageOp.List);

    /// <summary><c>info/devices/monitor2d/{device}</c> · DeviceMonitor2DMessage · STREAM</summary>
    public static EndpointInfo<DeviceMonitor2DMessage> DeviceMonitor2D(string device) => new("device_monitor_2d", $"info/devices/monitor2d/{device}", "DeviceMonitor2DMessage", MessageOp.Stream);

    /// <summary><c>info/devices/monitor1d/{device}</c> · DeviceMonitor1DMessage · STREAM</summary>
    public static EndpointInfo<DeviceMonitor1DMessage> DeviceMonitor1D(string device) => new("device_monitor_1d", $"info/devices/monitor1d/{device}", "DeviceMonitor1DMessage", MessageOp.Stream);

    /// <summary><c>info/devices/preview/{device}/{signal}</c> · DevicePreviewMessage · STREAM</summary>
    public static EndpointInfo<DevicePreviewMessage> DevicePreview(string device, string signal) => new("device_preview", $"info/devices/preview/{device}/{signal}", "DevicePreviewMessage", MessageOp.Stream);

    /// <summary><c>user/devices/user_roi/{device}/{signal}</c> · DeviceUserROIMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> DeviceUserRoi(string device, string signal) => new("device_user_roi", $"user/devices/user_roi/{device}/{signal}", "DeviceUserROIMessage", MessageOp.Stream);

    /// <summary><c>user/queue/stop_devices</c> · VariableMessage · SEND</summary>
    public static EndpointInfo<VariableMessage> StopDevices() => new("stop_devices", "user/queue/stop_devices", "VariableMessage", MessageOp.Send);

    /// <summary><c>internal/devices/instructions</c> · DeviceInstructionMessage · SEND</summary>
    public static EndpointInfo<DeviceInstructionMessage> DeviceInstructions() => new("device_instructions", "internal/devices/instructions", "DeviceInstructionMessage", MessageOp.Send);

    /// <summary><c>internal/devices/instructions_response</c> · DeviceInstructionResponse · SEND</summary>
    public static EndpointInfo<DeviceInstructionResponse> DeviceInstructionsResponse() => new("device_instructions_response", "internal/devices/instructions_response", "DeviceInstructionResponse", MessageOp.Send);

    /// <summary><c>info/devices/rpc/{rpc_id}</c> · DeviceRPCMessage · KEY_VALUE</summary>
    public static EndpointInfo<DeviceRPCMessage> DeviceRpc(string rpcId) => new("device_rpc", $"info/devices/rpc/{rpcId}", "DeviceRPCMessage", MessageOp.KeyValue);
}
