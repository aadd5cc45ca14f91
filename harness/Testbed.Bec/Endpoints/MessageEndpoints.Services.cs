using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;

namespace Testbed.Bec.Endpoints;

// One line per endpoint, as bec_lib 3.165.1 declares it (spec Appendix A): key string, message class, operation family.
public static partial class MessageEndpoints
{
    /// <summary><c>user/log</c> · LogMessage · STREAM</summary>
    public static EndpointInfo<LogMessage> Log() => new("log", "user/log", "LogMessage", MessageOp.Stream);

    /// <summary><c>user/client_info</c> · ClientInfoMessage · STREAM</summary>
    public static EndpointInfo<ClientInfoMessage> ClientInfo() => new("client_info", "user/client_info", "ClientInfoMessage", MessageOp.Stream);

    /// <summary><c>info/client_restart</c> · ClientRestartMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ClientRestart() => new("client_restart", "info/client_restart", "ClientRestartMessage", MessageOp.Send);

    /// <summary><c>user/alarms</c> · AlarmMessage · SET_PUBLISH</summary>
    public static EndpointInfo<AlarmMessage> Alarm() => new("alarm", "user/alarms", "AlarmMessage", MessageOp.SetPublish);

    /// <summary><c>user/services/status/{service_id}</c> · StatusMessage · SET_PUBLISH</summary>
    public static EndpointInfo<StatusMessage> ServiceStatus(string serviceId) => new("service_status", $"user/services/status/{serviceId}", "StatusMessage", MessageOp.SetPublish);

    /// <summary><c>user/services/metrics/{service_id}</c> · ServiceMetricMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ServiceMetricMessage> Metrics(string serviceId) => new("metrics", $"user/services/metrics/{serviceId}", "ServiceMetricMessage", MessageOp.SetPublish);

    /// <summary><c>user/services/response/{RID}</c> · ServiceResponseMessage · LIST</summary>
    public static EndpointInfo<ServiceResponseMessage> ServiceResponse(string rid) => new("service_response", $"user/services/response/{rid}", "ServiceResponseMessage", MessageOp.List);

    /// <summary><c>user/services/request</c> · ServiceRequestMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ServiceRequest() => new("service_request", "user/services/request", "ServiceRequestMessage", MessageOp.Send);

    /// <summary><c>user/vars/{var_name}</c> · VariableMessage · KEY_VALUE</summary>
    public static EndpointInfo<VariableMessage> GlobalVars(string varName) => new("global_vars", $"user/vars/{varName}", "VariableMessage", MessageOp.KeyValue);

    /// <summary><c>user/observer</c> · ObserverMessage · KEY_VALUE</summary>
    public static EndpointInfo<BecMessage> Observer() => new("observer", "user/observer", "ObserverMessage", MessageOp.KeyValue);

    /// <summary><c>user/progress/{var_name}</c> · ProgressMessage · SET_PUBLISH</summary>
    public static EndpointInfo<ProgressMessage> Progress(string varName) => new("progress", $"user/progress/{varName}", "ProgressMessage", MessageOp.SetPublish);

    /// <summary><c>info/account</c> · VariableMessage · STREAM</summary>
    public static EndpointInfo<VariableMessage> Account() => new("account", "info/account", "VariableMessage", MessageOp.Stream);

    /// <summary><c>user/processed_data/{process_id}</c> · ProcessedDataMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> ProcessedData(string processId) => new("processed_data", $"user/processed_data/{processId}", "ProcessedDataMessage", MessageOp.Stream);

    /// <summary><c>user/dap/config</c> · DAPConfigMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> DapConfig() => new("dap_config", "user/dap/config", "DAPConfigMessage", MessageOp.SetPublish);

    /// <summary><c>user/dap/available_plugins/{plugin_id}</c> · AvailableResourceMessage · KEY_VALUE</summary>
    public static EndpointInfo<AvailableResourceMessage> DapAvailablePlugins(string pluginId) => new("dap_available_plugins", $"user/dap/available_plugins/{pluginId}", "AvailableResourceMessage", MessageOp.KeyValue);

    /// <summary><c>user/dap/request</c> · DAPRequestMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> DapRequest() => new("dap_request", "user/dap/request", "DAPRequestMessage", MessageOp.SetPublish);

    /// <summary><c>user/dap/response/{RID}</c> · DAPResponseMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> DapResponse(string rid) => new("dap_response", $"user/dap/response/{rid}", "DAPResponseMessage", MessageOp.SetPublish);

    /// <summary><c>public/acl/login_info</c> · LoginInfoMessage · KEY_VALUE</summary>
    public static EndpointInfo<LoginInfoMessage> LoginInfo() => new("login_info", "public/acl/login_info", "LoginInfoMessage", MessageOp.KeyValue);

    /// <summary><c>internal/message_service/queue</c> · MessagingServiceMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> MessageServiceQueue() => new("message_service_queue", "internal/message_service/queue", "MessagingServiceMessage", MessageOp.Stream);

    /// <summary><c>info/messaging_services/available_messaging_services</c> · AvailableMessagingServicesMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> AvailableMessagingServices() => new("available_messaging_services", "info/messaging_services/available_messaging_services", "AvailableMessagingServicesMessage", MessageOp.Stream);

    /// <summary><c>internal/messaging_services/notification/{event_type}</c> · NotificationMessage · SEND</summary>
    public static EndpointInfo<NotificationMessage> Notification(string eventType) => new("notification", $"internal/messaging_services/notification/{eventType}", "NotificationMessage", MessageOp.Send);

    /// <summary><c>user/messaging_services/notification_config</c> · NotificationConfigMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> NotificationConfig() => new("notification_config", "user/messaging_services/notification_config", "NotificationConfigMessage", MessageOp.SetPublish);

    /// <summary><c>internal/deployment/{deployment_name}/message_service/ingest</c> · MessagingServiceMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> MessageServiceIngest(string deploymentName) => new("message_service_ingest", $"internal/deployment/{deploymentName}/message_service/ingest", "MessagingServiceMessage", MessageOp.Stream);

    /// <summary><c>user/dynamic_metrics/{group_name}</c> · DynamicMetricMessage · SET_PUBLISH</summary>
    public static EndpointInfo<DynamicMetricMessage> DynamicMetric(string groupName) => new("dynamic_metric", $"user/dynamic_metrics/{groupName}", "DynamicMetricMessage", MessageOp.SetPublish);
}
