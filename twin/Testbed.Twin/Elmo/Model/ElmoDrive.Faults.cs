namespace Testbed.Twin.Elmo.Model;

public sealed partial class ElmoDrive
{
    private long _motorFault;
    private int _amplifierCode;
    private int _forcedInputs;
    private int _digitalInputs;
    private bool _stalled;

    /// <summary>True while the axis is blocked (a stall fault): every move latches MF 0x200000 (motor stuck) and switches the motor off.</summary>
    public bool IsStalled { get { lock (_gate) return _stalled; } }

    /// <summary>Blocks the axis mechanically: a move in progress stops at once with MF 0x200000 (motor stuck), motor off, and so does every
    /// later BG until <see cref="ReleaseStall"/>; the latched failure clears with the next MO=1, as every motor failure does.</summary>
    public void Stall()
    {
        lock (_gate)
        {
            var s = Current();
            _stalled = true;
            if (_motorOn && s.Time < _profilerEnd) LatchMotorFailure(ElmoMotorFault.Stuck, s);
        }
    }

    /// <summary>Frees a stalled axis (moves work again after MO=1).</summary>
    public void ReleaseStall()
    {
        lock (_gate) _stalled = false;
    }

    /// <summary>Injects a fault now (see <see cref="ElmoFault"/> for what each one does and how it clears).</summary>
    public void InjectFault(ElmoFault fault)
    {
        lock (_gate)
        {
            var s = Current();
            switch (fault)
            {
                case ElmoFault.FollowingError: LatchMotorFailure(ElmoMotorFault.PositionTracking, s); break;
                case ElmoFault.SpeedTrackingError: LatchMotorFailure(ElmoMotorFault.SpeedTracking, s); break;
                case ElmoFault.PositionLimit: LatchMotorFailure(ElmoMotorFault.PositionLimit, s); break;
                default:
                    // SR bits 0-3 codes, as in the Gold table (the SimplIQ detail bits give the same values).
                    _amplifierCode = fault switch
                    {
                        ElmoFault.UnderVoltage => 3,
                        ElmoFault.OverVoltage => 5,
                        ElmoFault.SafetyAlarm => 7,
                        ElmoFault.ShortCircuit => 11,
                        _ => 13,
                    };
                    LatchMotorFailure(ElmoMotorFault.DriveFault, s);
                    break;
            }
        }
    }

    /// <summary>Clears every latched motor failure and amplifier fault (the motor stays off).</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            Current();
            _motorFault = 0;
            _amplifierCode = 0;
        }
    }

    /// <summary>Forces an input function active or releases it; position-modelled switches (FLS, RLS, home) stay active where the axis is.</summary>
    /// <remarks>Inhibit or abort switch the motor off (MF 0x10); a limit or hard stop while moving into it triggers the stop manager.</remarks>
    public void SetInput(ElmoInput input, bool active)
    {
        lock (_gate)
        {
            var s = Current();
            var bit = 1 << (int)input;
            _forcedInputs = active ? _forcedInputs | bit : _forcedInputs & ~bit;
            if (!active) return;
            if (input is ElmoInput.Inhibit or ElmoInput.Abort && _motorOn) LatchMotorFailure(ElmoMotorFault.Inhibit, s);
            else if (s.Time < _profilerEnd && IsBlockedDirection(Math.Sign(s.Velocity), s.Actual)) Block(s);
        }
    }

    /// <summary>Sets raw digital input <paramref name="number"/> (1-based; IP bit 16 + number − 1), e.g. input 2 = BLISS's slave switch.</summary>
    public void SetDigitalInput(int number, bool active)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, ElmoInputPort.DigitalInputCount(Settings.Personality));
        lock (_gate)
        {
            var bit = 1 << (number - 1);
            _digitalInputs = active ? _digitalInputs | bit : _digitalInputs & ~bit;
        }
    }

    private bool InputActive(ElmoInput input) => (_forcedInputs & (1 << (int)input)) != 0;

    private bool ForwardLimitActive(double x) => x >= ForwardLimit || InputActive(ElmoInput.ForwardLimit);

    private bool ReverseLimitActive(double x) => x <= ReverseLimit || InputActive(ElmoInput.ReverseLimit);

    private bool IsBlockedDirection(int direction, double x) =>
        InputActive(ElmoInput.HardStop) || (direction > 0 && ForwardLimitActive(x)) || (direction < 0 && ReverseLimitActive(x));

    private int ActiveFunctions(double x)
    {
        var f = _forcedInputs;
        if (x >= ForwardLimit) f |= 1 << (int)ElmoInput.ForwardLimit;
        if (x <= ReverseLimit) f |= 1 << (int)ElmoInput.ReverseLimit;
        if (Settings.HomeSwitch is { } home && x >= home.Start && x <= home.End) f |= 1 << (int)ElmoInput.MainHome;
        return f;
    }

    /// <summary>A motor failure: MF bit set, SR bit 6 set, motor off (holding where it is), profiler idle.</summary>
    private void LatchMotorFailure(long mfBit, MotionState s)
    {
        _motorFault |= mfBit;
        SwitchOff(s);
    }
}
