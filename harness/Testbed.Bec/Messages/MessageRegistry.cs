using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Values;

namespace Testbed.Bec.Messages;

/// <summary>The BEC classes this library declares, by their Python class name; one line per class.</summary>
/// <remarks>A decoded envelope of another class becomes a <see cref="GenericMessage"/> / <see cref="GenericModel"/> (kept, not validated).</remarks>
public static class MessageRegistry
{
    private static readonly Dictionary<string, Func<BecMap, BecMessage>> Messages = Table<BecMessage>(
    [
        (DeviceInstructionMessage.Definition, f => new DeviceInstructionMessage(f)),
        (DeviceInstructionResponse.Definition, f => new DeviceInstructionResponse(f)),
        (DeviceMessage.Definition, f => new DeviceMessage(f)),
        (DeviceStatusMessage.Definition, f => new DeviceStatusMessage(f)),
        (DeviceReqStatusMessage.Definition, f => new DeviceReqStatusMessage(f)),
        (DeviceRPCMessage.Definition, f => new DeviceRPCMessage(f)),
        (DeviceInfoMessage.Definition, f => new DeviceInfoMessage(f)),
        (DeviceConfigMessage.Definition, f => new DeviceConfigMessage(f)),
        (DeviceInitializationProgressMessage.Definition, f => new DeviceInitializationProgressMessage(f)),
        (DeviceMonitor2DMessage.Definition, f => new DeviceMonitor2DMessage(f)),
        (DeviceMonitor1DMessage.Definition, f => new DeviceMonitor1DMessage(f)),
        (DevicePreviewMessage.Definition, f => new DevicePreviewMessage(f)),
        (ScanQueueMessage.Definition, f => new ScanQueueMessage(f)),
        (RequestResponseMessage.Definition, f => new RequestResponseMessage(f)),
        (ScanQueueModificationMessage.Definition, f => new ScanQueueModificationMessage(f)),
        (ScanQueueOrderMessage.Definition, f => new ScanQueueOrderMessage(f)),
        (ScanRestartMessage.Definition, f => new ScanRestartMessage(f)),
        (ScanQueueStatusMessage.Definition, f => new ScanQueueStatusMessage(f)),
        (ScanQueueHistoryMessage.Definition, f => new ScanQueueHistoryMessage(f)),
        (ScanStatusMessage.Definition, f => new ScanStatusMessage(f)),
        (ScanMessage.Definition, f => new ScanMessage(f)),
        (ScanBaselineMessage.Definition, f => new ScanBaselineMessage(f)),
        (BundleMessage.Definition, f => new BundleMessage(f)),
        (ProgressMessage.Definition, f => new ProgressMessage(f)),
        (FileMessage.Definition, f => new FileMessage(f)),
        (FileContentMessage.Definition, f => new FileContentMessage(f)),
        (ScanHistoryMessage.Definition, f => new ScanHistoryMessage(f)),
        (StatusMessage.Definition, f => new StatusMessage(f)),
        (ServiceMetricMessage.Definition, f => new ServiceMetricMessage(f)),
        (DynamicMetricMessage.Definition, f => new DynamicMetricMessage(f)),
        (ServiceResponseMessage.Definition, f => new ServiceResponseMessage(f)),
        (VariableMessage.Definition, f => new VariableMessage(f)),
        (AvailableResourceMessage.Definition, f => new AvailableResourceMessage(f)),
        (LogMessage.Definition, f => new LogMessage(f)),
        (AlarmMessage.Definition, f => new AlarmMessage(f)),
        (ClientInfoMessage.Definition, f => new ClientInfoMessage(f)),
        (NotificationMessage.Definition, f => new NotificationMessage(f)),
        (LoginInfoMessage.Definition, f => new LoginInfoMessage(f)),
        (ACLAccountsMessage.Definition, f => new ACLAccountsMessage(f)),
        (BoolConfigDefaultFalse.Definition, f => new BoolConfigDefaultFalse(f)),
        (ScanInterlockTriggerSettingMessage.Definition, f => new ScanInterlockTriggerSettingMessage(f)),
    ]);

    private static readonly Dictionary<string, Func<BecMap, BecModel>> Models = Table<BecModel>(
    [
        (ErrorInfo.Definition, f => new ErrorInfo(f)),
        (DeviceAsyncUpdate.Definition, f => new DeviceAsyncUpdate(f)),
        (ServiceInfo.Definition, f => new ServiceInfo(f)),
        (ServiceVersions.Definition, f => new ServiceVersions(f)),
        (ScanQueueStatus.Definition, f => new ScanQueueStatus(f)),
        (QueueInfoEntry.Definition, f => new QueueInfoEntry(f)),
        (RequestBlock.Definition, f => new RequestBlock(f)),
        (ScanQueueLock.Definition, f => new ScanQueueLock(f)),
        (SystemConfig.Definition, f => new SystemConfig(f)),
        (StoredDataInfo.Definition, f => new StoredDataInfo(f)),
    ]);

    /// <summary>Python class names of the messages with typed classes here.</summary>
    public static IReadOnlyCollection<string> MessageTypes => Messages.Keys;

    /// <summary>Python class names of the (non-message) models with typed classes here.</summary>
    public static IReadOnlyCollection<string> ModelTypes => Models.Keys;

    public static bool IsTypedMessage(string typeName) => Messages.ContainsKey(typeName);

    /// <summary>The typed view of a message's field map, or a <see cref="GenericMessage"/> for other classes (not validated).</summary>
    public static BecMessage CreateMessage(string typeName, BecMap fields) =>
        Messages.TryGetValue(typeName, out var create) ? create(fields) : new GenericMessage(typeName, fields);

    /// <summary>The typed view of a model's field map, or a <see cref="GenericModel"/>.</summary>
    public static BecModel CreateModel(string typeName, BecMap fields) =>
        Models.TryGetValue(typeName, out var create) ? create(fields) : new GenericModel(typeName, fields);

    private static Dictionary<string, Func<BecMap, T>> Table<T>(IReadOnlyList<(StructSchema Schema, Func<BecMap, T> Create)> rows) =>
        rows.ToDictionary(r => r.Schema.Name, r => r.Create, StringComparer.Ordinal);
}
