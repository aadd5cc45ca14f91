namespace Testbed.Twin.Elmo.Model;

public sealed partial class ElmoDrive
{
    private enum HomingStage { Idle, WaitSwitch, WaitIndex }

    private HomingStage _homingStage;

    /// <summary>HM[1] is 1 (armed, event not yet fired).</summary>
    public bool HomingArmed { get { lock (_gate) { Current(); return _homingStage != HomingStage.Idle; } } }

    /// <summary>HM[n]: the homing parameters (HM[1] reads 1 while armed).</summary>
    public long Homing(int index)
    {
        lock (_gate)
        {
            Current();
            return index == 1 ? (_homingStage != HomingStage.Idle ? 1 : 0) : Parameters.Homing[index];
        }
    }

    /// <summary>HM[n]=v. HM[1]=1 arms the event chosen by HM[3]; HM[1]=0 disarms.</summary>
    public ElmoError SetHoming(int index, long value)
    {
        lock (_gate)
        {
            var s = Current();
            if (index == 1)
            {
                if (value is not (0 or 1)) return ElmoError.OperandOutOfRange;
                if (value == 0) { _homingStage = HomingStage.Idle; return ElmoError.None; }
                if (!Settings.HomingEvents.TryGetValue(Parameters.Homing[3], out var kind)) return ElmoError.OperandOutOfRange;
                switch (kind)
                {
                    case ElmoHomingEvent.Immediate:
                        _homingStage = HomingStage.WaitIndex;
                        FireHoming(s);
                        break;
                    case ElmoHomingEvent.Index:
                        _homingStage = HomingStage.WaitIndex;
                        break;
                    default:
                        _homingStage = HomingStage.WaitSwitch;
                        break;
                }
                return ElmoError.None;
            }
            if (_homingStage != HomingStage.Idle && Settings.HomingParametersWhileArmed == ElmoPolicy.Reject) return ElmoError.HomingBusy;
            var valid = index switch
            {
                3 => Settings.HomingEvents.ContainsKey(value),
                4 or 5 => value is >= 0 and <= 2,
                6 => value is >= 0 and <= 6,
                _ => true,
            };
            if (!valid) return ElmoError.OperandOutOfRange;
            Parameters.Homing[index] = value;
            return ElmoError.None;
        }
    }

    private void OnHomeSwitch(MotionState s)
    {
        var kind = Settings.HomingEvents.GetValueOrDefault(Parameters.Homing[3], ElmoHomingEvent.HomeSwitch);
        if (kind == ElmoHomingEvent.HomeSwitchThenIndex && Settings.IndexPeriod > 0) _homingStage = HomingStage.WaitIndex;
        else FireHoming(s);
    }

    /// <summary>The homing event, latched at the crossing: re-base PX (with DV[3], PA and the profile, so nothing jumps), then the HM[4] action.</summary>
    private void FireHoming(MotionState s)
    {
        _homingStage = HomingStage.Idle;
        var delta = Parameters.Homing[5] switch
        {
            0 => Parameters.Homing[2] - s.Actual,
            1 => Parameters.Homing[2],
            _ => 0.0,
        };
        if (delta != 0)
        {
            _trajectory = _trajectory.Shift(delta);
            _target = Round(_target + delta);
            s = _trajectory.At(s.Time);
        }
        switch (Parameters.Homing[4])
        {
            case 0 when _motorOn:
                var dec = Settings.HomingStop == ElmoHomingStop.StopDeceleration
                    ? Parameters.StopDeceleration
                    : Math.Min(Parameters.Deceleration, Parameters.StopDeceleration);
                _trajectory = Trajectory.Build(s, _tau, ProfilePlanner.Stop(s.Velocity, dec), cruise: false);
                _profilerEnd = _trajectory.ProfilerEnd;
                _blocked = false;
                break;
            case 1:
                var output = (int)Parameters.Homing[6];
                if (output is >= 1 and < 7) Parameters.Outputs[output] = 1;
                break;
        }
    }
}
