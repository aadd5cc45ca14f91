using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Services;

/// <summary>Public login information (<c>public/acl/login_info</c>).</summary>
public sealed class LoginInfoMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(LoginInfoMessage),
    [
        Required("host", Str),
        Required("deployment", Str),
        Required("available_accounts", StrList),
        Required("atlas_login", Bool),
    ]);

    public LoginInfoMessage()
        : base(Definition, null)
    {
    }

    internal LoginInfoMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Host { get => GetStr("host"); set => SetField("host", value); }

    public string Deployment { get => GetStr("deployment"); set => SetField("deployment", value); }

    public IReadOnlyList<string> AvailableAccounts { get => GetList("available_accounts").AsStrings(); set => SetStrings("available_accounts", value); }

    public bool AtlasLogin { get => GetBool("atlas_login"); set => SetField("atlas_login", value); }
}

/// <summary>Redis ACL accounts (<c>admin/acl/accounts</c>): account → {categories, keys, channels, commands, profile}.</summary>
public sealed class ACLAccountsMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ACLAccountsMessage),
    [
        Required("accounts", DictOf(DictOf(Union(StrList, Str), Literal("categories", "keys", "channels", "commands", "profile")))),
    ]);

    public ACLAccountsMessage()
        : base(Definition, null)
    {
    }

    internal ACLAccountsMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public BecMap Accounts { get => GetMap("accounts"); set => SetField("accounts", value); }
}

/// <summary>A managed boolean setting (<c>user/actor/builtin/scan_interlock/config/enabled</c> stream).</summary>
public sealed class BoolConfigDefaultFalse : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(BoolConfigDefaultFalse),
    [
        WithDefault("value", Bool, static () => false),
    ]);

    public BoolConfigDefaultFalse()
        : base(Definition, null)
    {
    }

    internal BoolConfigDefaultFalse(BecMap fields)
        : base(Definition, fields)
    {
    }

    public bool Value { get => GetBool("value"); set => SetField("value", value); }
}

/// <summary>What the scan interlock does when triggered (a Python StrEnum: it travels as a plain str).</summary>
public enum ScanInterlockTriggerSetting
{
    DoNothing,
    RestartScan,
    PauseScan,
}

/// <summary>The scan interlock's trigger setting (<c>user/actor/builtin/scan_interlock/config/trigger_setting</c> stream).</summary>
public sealed class ScanInterlockTriggerSettingMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanInterlockTriggerSettingMessage),
    [
        WithDefault("value", Custom("ScanInterlockTriggerSetting", static (v, path) =>
        {
            var s = v is EnumValue e ? e.Value : v;
            return WireEnum<ScanInterlockTriggerSetting>.Literal.Check(s, path);
        }), static () => "do_nothing"),
    ]);

    public ScanInterlockTriggerSettingMessage()
        : base(Definition, null)
    {
    }

    internal ScanInterlockTriggerSettingMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public ScanInterlockTriggerSetting Value
    {
        get => WireEnum<ScanInterlockTriggerSetting>.Parse(Read("value", v => (v is EnumValue e ? e.Value : v).AsString()), $"{TypeName}.value");
        set => SetEnum("value", value);
    }
}
