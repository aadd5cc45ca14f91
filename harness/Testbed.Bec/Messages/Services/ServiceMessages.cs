using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Services;

/// <summary>Process figures of a service (<c>user/services/metrics/&lt;name&gt;</c>, SET EX 30 + PUBLISH about every second).</summary>
public sealed class ServiceMetricMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ServiceMetricMessage),
    [
        Required("name", Str),
        Required("metrics", Dict),
    ]);

    public ServiceMetricMessage()
        : base(Definition, null)
    {
    }

    internal ServiceMetricMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Name { get => GetStr("name"); set => SetField("name", value); }

    /// <summary>pid, cmdline, process_name, username, hostname, cpu_percent, cpu_times, num_threads, memory_in_mb, memory_used_percent, create_time.</summary>
    public BecMap Metrics { get => GetMap("metrics"); set => SetField("metrics", value); }
}

/// <summary>Metrics for BEC's log ingestor (<c>user/dynamic_metrics/&lt;group&gt;</c>): name → {value, type_name} model envelope.</summary>
public sealed class DynamicMetricMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DynamicMetricMessage),
    [
        Required("metrics", DictOf(Custom("DynamicMetricValue", CheckMetric))),
        Required("timestamp", Float),
    ]);

    public DynamicMetricMessage()
        : base(Definition, null)
    {
    }

    internal DynamicMetricMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecMap Metrics { get => GetMap("metrics"); set => SetField("metrics", value); }

    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }

    private static string? CheckMetric(BecValue v, string path)
    {
        if (FieldTypes.AsDict(v) is not { } m) return $"{path}: expected a metric value model, got {v.Describe(40)}";
        var value = m.GetOrNull("value");
        return (m.GetOrNull("type_name") as BecStr)?.Value switch
        {
            "int" when value is BecInt => null,
            "float" when value is BecFloat or BecInt => null,
            "bool" when value is BecBool => null,
            "str" when value is BecStr s && m.GetOrNull("possible_values") is BecList options && options.Contains(s) => null,
            "str" => $"{path}: a str metric needs its value among possible_values",
            "int" or "float" or "bool" => $"{path}: value {value?.Describe(30) ?? "missing"} does not match type_name",
            _ => $"{path}: type_name must be one of 'str', 'int', 'float', 'bool'",
        };
    }
}

/// <summary>A service's answer to a config change (<c>user/services/response/&lt;RID&gt;</c> list): response = {accepted, service}.</summary>
public sealed class ServiceResponseMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ServiceResponseMessage),
    [
        Required("response", Dict),
    ]);

    public ServiceResponseMessage()
        : base(Definition, null)
    {
    }

    internal ServiceResponseMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecMap Response { get => GetMap("response"); set => SetField("response", value); }
}

/// <summary>A value under a name (<c>user/scan_number</c> {account: n}, <c>user/queue/stop_devices</c> device list, <c>user/vars/…</c>).</summary>
public sealed class VariableMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(VariableMessage),
    [
        Required("value", Any),
    ]);

    public VariableMessage()
        : base(Definition, null)
    {
    }

    internal VariableMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecValue Value { get => Get("value"); set => SetField("value", value); }
}

/// <summary>A catalogue (<c>info/scans/available_scans</c>, <c>info/devices/config</c>, <c>public/endpoints</c>, …): a dict, a list of dicts, or models.</summary>
public sealed class AvailableResourceMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(AvailableResourceMessage),
    [
        Required("resource", Union(Dict, ListOf(Dict))),
    ]);

    public AvailableResourceMessage()
        : base(Definition, null)
    {
    }

    internal AvailableResourceMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecValue Resource { get => Get("resource"); set => SetField("resource", value); }
}
