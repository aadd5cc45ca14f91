using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Services;

namespace Testbed.Bec.Endpoints;

// One line per endpoint, as bec_lib 3.165.1 declares it (spec Appendix A): key string, message class, operation family.
public static partial class MessageEndpoints
{
    /// <summary><c>user/dataset_number</c> · VariableMessage · KEY_VALUE</summary>
    public static EndpointInfo<VariableMessage> DatasetNumber() => new("dataset_number", "user/dataset_number", "VariableMessage", MessageOp.KeyValue);

    /// <summary><c>user/gui/config/{gui_id}</c> · GUIConfigMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> GuiConfig(string guiId) => new("gui_config", $"user/gui/config/{guiId}", "GUIConfigMessage", MessageOp.SetPublish);

    /// <summary><c>user/gui/data/{gui_id}</c> · GUIDataMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> GuiData(string guiId) => new("gui_data", $"user/gui/data/{guiId}", "GUIDataMessage", MessageOp.SetPublish);

    /// <summary><c>user/gui/instruction/{gui_id}</c> · GUIInstructionMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> GuiInstructions(string guiId) => new("gui_instructions", $"user/gui/instruction/{guiId}", "GUIInstructionMessage", MessageOp.SetPublish);

    /// <summary><c>user/gui/instruction_response/{RID}</c> · RequestResponseMessage · SET_PUBLISH</summary>
    public static EndpointInfo<RequestResponseMessage> GuiInstructionResponse(string rid) => new("gui_instruction_response", $"user/gui/instruction_response/{rid}", "RequestResponseMessage", MessageOp.SetPublish);

    /// <summary><c>user/gui/config/auto_update/{gui_id}</c> · GUIAutoUpdateConfigMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> GuiAutoUpdateConfig(string guiId) => new("gui_auto_update_config", $"user/gui/config/auto_update/{guiId}", "GUIAutoUpdateConfigMessage", MessageOp.SetPublish);

    /// <summary><c>user/gui/heartbeat/{gui_id}</c> · StatusMessage · KEY_VALUE</summary>
    public static EndpointInfo<StatusMessage> GuiHeartbeat(string guiId) => new("gui_heartbeat", $"user/gui/heartbeat/{guiId}", "StatusMessage", MessageOp.KeyValue);

    /// <summary><c>info/procedures/available_procedures</c> · AvailableResourceMessage · KEY_VALUE</summary>
    public static EndpointInfo<AvailableResourceMessage> AvailableProcedures() => new("available_procedures", "info/procedures/available_procedures", "AvailableResourceMessage", MessageOp.KeyValue);

    /// <summary><c>user/procedures/procedure_request</c> · ProcedureRequestMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ProcedureRequest() => new("procedure_request", "user/procedures/procedure_request", "ProcedureRequestMessage", MessageOp.Send);

    /// <summary><c>info/procedures/procedure_request_response</c> · RequestResponseMessage · SEND</summary>
    public static EndpointInfo<RequestResponseMessage> ProcedureRequestResponse() => new("procedure_request_response", "info/procedures/procedure_request_response", "RequestResponseMessage", MessageOp.Send);

    /// <summary><c>info/procedures/procedure_execution/{queue_id}</c> · ProcedureExecutionMessage · LIST</summary>
    public static EndpointInfo<BecMessage> ProcedureExecution(string queueId) => new("procedure_execution", $"info/procedures/procedure_execution/{queueId}", "ProcedureExecutionMessage", MessageOp.List);

    /// <summary><c>info/procedures/unhandled_procedure_execution/{queue_id}</c> · ProcedureExecutionMessage · LIST</summary>
    public static EndpointInfo<BecMessage> UnhandledProcedureExecution(string queueId) => new("unhandled_procedure_execution", $"info/procedures/unhandled_procedure_execution/{queueId}", "ProcedureExecutionMessage", MessageOp.List);

    /// <summary><c>info/procedures/active_procedures</c> · ProcedureExecutionMessage · SET</summary>
    public static EndpointInfo<BecMessage> ActiveProcedureExecutions() => new("active_procedure_executions", "info/procedures/active_procedures", "ProcedureExecutionMessage", MessageOp.Set);

    /// <summary><c>user/procedures/abort</c> · ProcedureAbortMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ProcedureAbort() => new("procedure_abort", "user/procedures/abort", "ProcedureAbortMessage", MessageOp.Send);

    /// <summary><c>user/procedures/clear_unhandled</c> · ProcedureClearUnhandledMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ProcedureClearUnhandled() => new("procedure_clear_unhandled", "user/procedures/clear_unhandled", "ProcedureClearUnhandledMessage", MessageOp.Send);

    /// <summary><c>info/procedures/worker_status/{queue_id}</c> · ProcedureWorkerStatusMessage · LIST</summary>
    public static EndpointInfo<BecMessage> ProcedureWorkerStatusUpdate(string queueId) => new("procedure_worker_status_update", $"info/procedures/worker_status/{queueId}", "ProcedureWorkerStatusMessage", MessageOp.List);

    /// <summary><c>info/procedures/procedure_status_update</c> · ProcedureStatusUpdate · SEND</summary>
    public static EndpointInfo<BecMessage> ProcedureStatusUpdate() => new("procedure_status_update", "info/procedures/procedure_status_update", "ProcedureStatusUpdate", MessageOp.Send);

    /// <summary><c>info/procedures/queue_notif</c> · ProcedureQNotifMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ProcedureQueueNotif() => new("procedure_queue_notif", "info/procedures/queue_notif", "ProcedureQNotifMessage", MessageOp.Send);

    /// <summary><c>user/procedures/logs/{queue}</c> · RawMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> ProcedureLogs(string queue) => new("procedure_logs", $"user/procedures/logs/{queue}", "RawMessage", MessageOp.Stream);

    /// <summary><c>user/actors/request</c> · ActorStartRequestMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ActorStartRequest() => new("actor_start_request", "user/actors/request", "ActorStartRequestMessage", MessageOp.Send);

    /// <summary><c>user/actors/stop</c> · ActorStopRequestMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ActorStopRequest() => new("actor_stop_request", "user/actors/stop", "ActorStopRequestMessage", MessageOp.Send);

    /// <summary><c>internal/actors/stop/{exec_id}</c> · ActorStopMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ActorStop(string execId) => new("actor_stop", $"internal/actors/stop/{execId}", "ActorStopMessage", MessageOp.Send);

    /// <summary><c>info/actor/request_response</c> · RequestResponseMessage · SEND</summary>
    public static EndpointInfo<RequestResponseMessage> ActorRequestResponse() => new("actor_request_response", "info/actor/request_response", "RequestResponseMessage", MessageOp.Send);

    /// <summary><c>info/actor/builtin/{actor_name}/state_change_done</c> · BuiltinActorStateUpdatedNotification · SEND</summary>
    public static EndpointInfo<BecMessage> BuiltinActorUpdateNotif(string actorName) => new("builtin_actor_update_notif", $"info/actor/builtin/{actorName}/state_change_done", "BuiltinActorStateUpdatedNotification", MessageOp.Send);

    /// <summary><c>user/actor/builtin/scan_interlock/table_mod</c> · ScanInterlockModifyStateTableMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> ModifyInterlockTable() => new("modify_interlock_table", "user/actor/builtin/scan_interlock/table_mod", "ScanInterlockModifyStateTableMessage", MessageOp.Stream);

    /// <summary><c>user/gui/registry_state/{gui_id}</c> · GUIRegistryStateMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> GuiRegistryState(string guiId) => new("gui_registry_state", $"user/gui/registry_state/{guiId}", "GUIRegistryStateMessage", MessageOp.Stream);

    /// <summary><c>user/acl/{session_id}</c> · CredentialsMessage · SEND</summary>
    public static EndpointInfo<BecMessage> AclSession(string sessionId) => new("acl_session", $"user/acl/{sessionId}", "CredentialsMessage", MessageOp.Send);

    /// <summary><c>admin/acl/accounts</c> · ACLAccountsMessage · KEY_VALUE</summary>
    public static EndpointInfo<ACLAccountsMessage> AclAccounts() => new("acl_accounts", "admin/acl/accounts", "ACLAccountsMessage", MessageOp.KeyValue);

    /// <summary><c>public/endpoints</c> · AvailableResourceMessage · KEY_VALUE</summary>
    public static EndpointInfo<AvailableResourceMessage> EndpointInfo() => new("endpoint_info", "public/endpoints", "AvailableResourceMessage", MessageOp.KeyValue);

    /// <summary><c>user/scripts/execution_info/{script_id}</c> · ScriptExecutionInfoMessage · SEND</summary>
    public static EndpointInfo<BecMessage> ScriptExecutionInfo(string scriptId) => new("script_execution_info", $"user/scripts/execution_info/{scriptId}", "ScriptExecutionInfoMessage", MessageOp.Send);

    /// <summary><c>user/scripts/content/{script_id}</c> · VariableMessage · KEY_VALUE</summary>
    public static EndpointInfo<VariableMessage> ScriptContent(string scriptId) => new("script_content", $"user/scripts/content/{scriptId}", "VariableMessage", MessageOp.KeyValue);

    /// <summary><c>user/macros/update</c> · MacroUpdateMessage · SEND</summary>
    public static EndpointInfo<BecMessage> MacroUpdate() => new("macro_update", "user/macros/update", "MacroUpdateMessage", MessageOp.Send);

    /// <summary><c>user/beamline_state/{state_name}</c> · BeamlineStateMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> BeamlineState(string stateName) => new("beamline_state", $"user/beamline_state/{stateName}", "BeamlineStateMessage", MessageOp.Stream);

    /// <summary><c>user/available_beamline_states</c> · AvailableBeamlineStatesMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> AvailableBeamlineStates() => new("available_beamline_states", "user/available_beamline_states", "AvailableBeamlineStatesMessage", MessageOp.Stream);

    /// <summary><c>internal/deployment/{deployment_name}/{host_id}/state</c> · RawMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> AtlasWebsocketState(string deploymentName, string hostId) => new("atlas_websocket_state", $"internal/deployment/{deploymentName}/{hostId}/state", "RawMessage", MessageOp.SetPublish);

    /// <summary><c>internal/deployment/{deployment_name}/request</c> · RawMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> AtlasDeploymentRequest(string deploymentName) => new("atlas_deployment_request", $"internal/deployment/{deploymentName}/request", "RawMessage", MessageOp.SetPublish);

    /// <summary><c>internal/deployment/{deployment_name}/ingest</c> · Any · STREAM</summary>
    public static EndpointInfo<BecMessage> AtlasDeploymentIngest(string deploymentName) => new("atlas_deployment_ingest", $"internal/deployment/{deploymentName}/ingest", "Any", MessageOp.Stream);

    /// <summary><c>internal/deployment/{deployment_name}/data/{endpoint_suffix}</c> · Any · STREAM</summary>
    public static EndpointInfo<BecMessage> AtlasDeploymentData(string deploymentName, string endpointSuffix) => new("atlas_deployment_data", $"internal/deployment/{deploymentName}/data/{endpointSuffix}", "Any", MessageOp.Stream);

    /// <summary><c>internal/deployment/{deployment_name}/deployment_info</c> · DeploymentInfoMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> AtlasDeploymentInfo(string deploymentName) => new("atlas_deployment_info", $"internal/deployment/{deploymentName}/deployment_info", "DeploymentInfoMessage", MessageOp.Stream);

    /// <summary><c>info/deployment/deployment_info</c> · DeploymentInfoMessage · STREAM</summary>
    public static EndpointInfo<BecMessage> DeploymentInfo() => new("deployment_info", "info/deployment/deployment_info", "DeploymentInfoMessage", MessageOp.Stream);

    /// <summary><c>internal/realm/{realm_name}/info/available_logbooks</c> · AvailableResourceMessage · KEY_VALUE</summary>
    public static EndpointInfo<AvailableResourceMessage> AvailableLogbooks(string realmName) => new("available_logbooks", $"internal/realm/{realmName}/info/available_logbooks", "AvailableResourceMessage", MessageOp.KeyValue);

    /// <summary><c>public/user_feedback</c> · FeedbackMessage · SEND</summary>
    public static EndpointInfo<BecMessage> UserFeedback() => new("user_feedback", "public/user_feedback", "FeedbackMessage", MessageOp.Send);

    /// <summary><c>public/game_score</c> · GameScoreMessage · SEND</summary>
    public static EndpointInfo<BecMessage> GameScore() => new("game_score", "public/game_score", "GameScoreMessage", MessageOp.Send);

    /// <summary><c>public/game_leaderboard/{game_name}</c> · GameLeaderboardMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> GameLeaderboard(string gameName) => new("game_leaderboard", $"public/game_leaderboard/{gameName}", "GameLeaderboardMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/roi_config/{device}/{signal}</c> · ROIConfigurationMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> RoiConfig(string device, string signal) => new("roi_config", $"info/devices/roi_config/{device}/{signal}", "ROIConfigurationMessage", MessageOp.SetPublish);

    /// <summary><c>info/devices/available_roi_analysis/{device}/{signal}</c> · ROIAvailableAnalysisMessage · SET_PUBLISH</summary>
    public static EndpointInfo<BecMessage> AvailableRoiAnalysis(string device, string signal) => new("available_roi_analysis", $"info/devices/available_roi_analysis/{device}/{signal}", "ROIAvailableAnalysisMessage", MessageOp.SetPublish);
}
