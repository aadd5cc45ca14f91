namespace Testbed.Twin.Elmo.Model;

/// <summary>Input functions a test or scenario can force active (in addition to the position-modelled switches).</summary>
public enum ElmoInput
{
    ForwardLimit,
    ReverseLimit,
    MainHome,
    AuxHome,
    SoftStop,
    HardStop,
    Inhibit,
    Abort,
    Safety,
    HardwareBegin,
}
