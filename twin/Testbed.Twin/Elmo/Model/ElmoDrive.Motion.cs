namespace Testbed.Twin.Elmo.Model;

public sealed partial class ElmoDrive
{
    /// <summary>MO=1: refused with 51 while inhibit/abort is active and 66 while an amplifier fault is present; otherwise clears latched failures, DV[3]:=PX, PR:=0 (PA unchanged).</summary>
    public ElmoError MotorOn()
    {
        lock (_gate)
        {
            var s = Current();
            if (_motorOn) return ElmoError.None;
            if (InputActive(ElmoInput.Inhibit) || InputActive(ElmoInput.Abort)) return ElmoError.InhibitActive;
            if (_amplifierCode != 0) return ElmoError.AmplifierNotReady;
            _motorOn = true;
            _motorFault = 0;
            _relative = 0;
            _hasTarget = false;
            _trajectory = Trajectory.Hold(s, _tau, s.Actual);
            _profilerEnd = s.Time;
            _blocked = false;
            return ElmoError.None;
        }
    }

    /// <summary>MO=0: the profiler stops at once and the motor holds where it is; MS=1, SR bit 4=0.</summary>
    public ElmoError MotorOff()
    {
        lock (_gate)
        {
            SwitchOff(Current());
            return ElmoError.None;
        }
    }

    /// <summary>BG: starts the motion programmed last (PA/PR → PTP, JV → jog; always jog in UM=2).</summary>
    public ElmoError Begin()
    {
        lock (_gate)
        {
            var s = Current();
            if (!_motorOn) return ElmoError.MotorMustBeOn;
            if (_unitMode == 1) return ElmoError.NotPointToPointMode;
            if (_stalled)
            {
                // A blocked motor: the drive accepts BG, finds the motor does not turn and trips (CL[2]/CL[3] "motor stuck").
                LatchMotorFailure(ElmoMotorFault.Stuck, s);
                return ElmoError.None;
            }
            var p = Parameters;
            var acc = Math.Min(p.Acceleration, p.StopDeceleration);
            var dec = Math.Min(p.Deceleration, p.StopDeceleration);
            int direction;
            if (_jogPending || _unitMode == 2)
            {
                var jog = Math.Clamp(p.JogVelocity, p.Low[2], p.High[2]);
                _trajectory = Trajectory.Build(s, _tau, ProfilePlanner.Velocity(s.Velocity, jog, acc, dec), cruise: jog != 0);
                direction = Math.Sign(jog);
            }
            else
            {
                var speed = Math.Min(p.Speed, p.High[2]);
                var phases = ProfilePlanner.PointToPoint(s.Reference, s.Velocity, _target, speed, acc, dec);
                _trajectory = Trajectory.Build(s, _tau, phases, cruise: false, finalReference: _target);
                direction = Math.Sign(_target - s.Reference);
                _hasTarget = true;
            }
            _profilerEnd = Math.Max(_trajectory.ProfilerEnd, s.Time + Settings.MinimumMotionTime.TotalSeconds);
            _blocked = false;
            if (IsBlockedDirection(direction, s.Actual)) Block(s);
            return ElmoError.None;
        }
    }

    /// <summary>ST: brake the reference to rest at SD; the profiler goes idle when at rest. PA is left unchanged.</summary>
    public ElmoError Stop()
    {
        lock (_gate)
        {
            var s = Current();
            if (!_motorOn || (s.Time >= _profilerEnd && s.Velocity == 0)) return ElmoError.None;
            _trajectory = Trajectory.Build(s, _tau, ProfilePlanner.Stop(s.Velocity, Parameters.StopDeceleration), cruise: false);
            _profilerEnd = _trajectory.ProfilerEnd;
            _blocked = false;
            return ElmoError.None;
        }
    }

    /// <summary>PA=v: the absolute target for the next BG (needs MO=1 unless allowed; VL[3]/VH[3] per Q4).</summary>
    public ElmoError SetTarget(long value)
    {
        lock (_gate)
        {
            Current();
            if (!_motorOn && Settings.PaAssignWithMotorOff == ElmoPolicy.Reject) return ElmoError.MotorMustBeOn;
            var error = AcceptTarget(value);
            if (error != ElmoError.None) return error;
            _relative = 0;
            return ElmoError.None;
        }
    }

    /// <summary>PR=v: PA = PA + v while a PTP runs, else DV[3] + v; rejected beyond VL[3]/VH[3].</summary>
    public ElmoError SetRelativeTarget(long value)
    {
        lock (_gate)
        {
            var s = Current();
            if (!_motorOn) return ElmoError.MotorMustBeOn;
            if (_unitMode is 1 or 2) return ElmoError.NotPointToPointMode;
            var ptpRunning = !_jogPending && s.Time < _profilerEnd;
            var baseline = ptpRunning ? _target : Round(s.Reference);
            var error = AcceptTarget(baseline + value);
            if (error != ElmoError.None) return error;
            _relative = value;
            return ElmoError.None;
        }
    }

    /// <summary>PX=v: sets the main position. The reference moves with it, so the motor does not jump; PA is not changed.</summary>
    public ElmoError SetPosition(long value)
    {
        lock (_gate)
        {
            var s = Current();
            if (_motorOn && Settings.PxAssignWithMotorOn == ElmoPolicy.Reject) return ElmoError.MotorMustBeOff;
            if (value < Parameters.Modulo[1] || value >= Parameters.Modulo[2]) return ElmoError.OperandOutOfRange;
            _trajectory = _trajectory.Shift(value - s.Actual);
            return ElmoError.None;
        }
    }

    /// <summary>PY=v: sets the auxiliary position (an offset on PX × ratio).</summary>
    public ElmoError SetAuxPosition(long value)
    {
        lock (_gate)
        {
            _auxOffset = value - Current().Actual * Settings.AuxPositionRatio;
            return ElmoError.None;
        }
    }

    /// <summary>UM=v (1..5), only with the motor off.</summary>
    public ElmoError SetUnitMode(long value)
    {
        lock (_gate)
        {
            Current();
            if (_motorOn) return ElmoError.MotorMustBeOff;
            if (value is < 1 or > 5) return ElmoError.OperandOutOfRange;
            _unitMode = (int)value;
            return ElmoError.None;
        }
    }

    /// <summary>JV: the programmed jog velocity.</summary>
    public long JogVelocity { get { lock (_gate) return Parameters.JogVelocity; } }

    /// <summary>JV=v: the jog velocity for the next BG, within [VL[2], VH[2]].</summary>
    public ElmoError SetJogVelocity(long value)
    {
        lock (_gate)
        {
            if (value < Parameters.Low[2] || value > Parameters.High[2]) return ElmoError.OperandOutOfRange;
            Parameters.JogVelocity = value;
            _jogPending = true;
            return ElmoError.None;
        }
    }

    private ElmoError AcceptTarget(long value)
    {
        long lo = Parameters.Low[3], hi = Parameters.High[3];
        var outside = value < lo || value > hi;
        if (outside && Settings.OutOfLimitTarget == ElmoOutOfLimitTarget.Reject) return Settings.OutOfLimitErrorCode;
        _target = Math.Clamp(value, lo, hi);
        _clipped = outside;
        _jogPending = false;
        _hasTarget = true;
        return ElmoError.None;
    }

    private void SwitchOff(MotionState s)
    {
        _motorOn = false;
        _trajectory = Trajectory.Hold(s with { Reference = s.Actual }, _tau, s.Actual);
        _profilerEnd = s.Time;
        _blocked = false;
    }
}
