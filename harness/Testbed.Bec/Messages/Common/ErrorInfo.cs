using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Common;

/// <summary>BEC's ErrorInfo model: what failed (in instruction responses, alarms, RPC results).</summary>
public sealed class ErrorInfo : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(ErrorInfo),
    [
        WithDefault("id", Str, static () => Guid.NewGuid().ToString()),
        Required("error_message", Str),
        Required("compact_error_message", Nullable(Str)),
        Required("exception_type", Str),
        Optional("device", DeviceNameOrNames),
    ]);

    /// <summary>A new error with a fresh uuid4 id, as BEC's default.</summary>
    public ErrorInfo()
        : base(Definition, null)
    {
    }

    internal ErrorInfo(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Id { get => GetStr("id"); set => SetField("id", value); }

    /// <summary>The full message (BEC: usually the traceback).</summary>
    public string ErrorMessage { get => GetStr("error_message"); set => SetField("error_message", value); }

    /// <summary>One-line message; required but may be None.</summary>
    public string? CompactErrorMessage { get => GetStrOrNull("compact_error_message"); set => SetField("compact_error_message", value); }

    /// <summary>Python exception class name, e.g. LimitError.</summary>
    public string ExceptionType { get => GetStr("exception_type"); set => SetField("exception_type", value); }

    /// <summary>Device name, names, or None.</summary>
    public BecValue Device { get => Get("device"); set => SetField("device", value); }
}
