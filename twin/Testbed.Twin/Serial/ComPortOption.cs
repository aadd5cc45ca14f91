namespace Testbed.Twin.Serial;

/// <summary>RFC 2217 COM-PORT-OPTION sub-option codes (client→server; the server answers with code + 100).</summary>
public enum ComPortOption : byte
{
    Signature = 0,
    SetBaudRate = 1,
    SetDataSize = 2,
    SetParity = 3,
    SetStopSize = 4,
    SetControl = 5,
    NotifyLineState = 6,
    NotifyModemState = 7,
    FlowControlSuspend = 8,
    FlowControlResume = 9,
    SetLineStateMask = 10,
    SetModemStateMask = 11,
    PurgeData = 12,
}
