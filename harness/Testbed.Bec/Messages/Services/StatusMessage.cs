using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Services;

/// <summary>A service's state (Python Enum BECStatus; sent with the Enum codec).</summary>
public enum BecStatus
{
    Error = -1,
    Idle = 0,
    Busy = 1,
    Running = 2,
}

/// <summary>A service heartbeat (<c>user/services/status/&lt;name&gt;</c>, SET EX 6 + PUBLISH every 3 s).</summary>
public sealed class StatusMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(StatusMessage),
    [
        Required("name", Str),
        Required("status", EnumCodec("BECStatus", -1, 0, 1, 2)),
        Required("info", Union(Struct(static () => ServiceInfo.Definition), Dict)),
    ]);

    public StatusMessage()
        : base(Definition, null)
    {
    }

    internal StatusMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>The service id: a name (DeviceServer) or name/uuid (BECClient/…).</summary>
    public string Name { get => GetStr("name"); set => SetField("name", value); }

    public BecStatus Status
    {
        get => Read("status", v => (BecStatus)(v is EnumValue e ? e.Value : v).AsInt64());
        set => SetField("status", new EnumValue("BECStatus", (long)value));
    }

    /// <summary>ServiceInfo (user, hostname, timestamp, versions); BEC also allows a plain dict.</summary>
    public ServiceInfo Info { get => GetStruct("info", f => new ServiceInfo(f)); set => SetStruct("info", value); }
}

/// <summary>Who runs a service (BEC's ServiceInfo model).</summary>
public sealed class ServiceInfo : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(ServiceInfo),
    [
        Required("user", Str),
        Required("hostname", Str),
        Required("timestamp", Float),
        Required("versions", Struct(static () => ServiceVersions.Definition)),
    ]);

    public ServiceInfo()
        : base(Definition, null)
    {
    }

    internal ServiceInfo(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string User { get => GetStr("user"); set => SetField("user", value); }

    public string Hostname { get => GetStr("hostname"); set => SetField("hostname", value); }

    /// <summary>Seconds since the Unix epoch (BEC: time.time() when the heartbeat is built).</summary>
    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }

    public ServiceVersions Versions { get => GetStruct("versions", f => new ServiceVersions(f)); set => SetStruct("versions", value); }
}

/// <summary>Package versions a service reports (BEC's ServiceVersions model; "Not found" for a package that is not installed).</summary>
public sealed class ServiceVersions : BecModel
{
    public const string NotFound = "Not found";

    internal static readonly StructSchema Definition = StructSchema.Model(nameof(ServiceVersions),
    [
        Required("bec_lib", Str),
        Required("bec_server", Str),
        Required("bec_ipython_client", Str),
        Required("bec_widgets", Str),
        Required("ophyd_devices", Str),
    ]);

    public ServiceVersions()
        : base(Definition, null)
    {
    }

    internal ServiceVersions(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string BecLib { get => GetStr("bec_lib"); set => SetField("bec_lib", value); }

    public string BecServer { get => GetStr("bec_server"); set => SetField("bec_server", value); }

    public string BecIpythonClient { get => GetStr("bec_ipython_client"); set => SetField("bec_ipython_client", value); }

    public string BecWidgets { get => GetStr("bec_widgets"); set => SetField("bec_widgets", value); }

    public string OphydDevices { get => GetStr("ophyd_devices"); set => SetField("ophyd_devices", value); }
}
