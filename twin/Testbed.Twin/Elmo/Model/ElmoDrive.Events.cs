namespace Testbed.Twin.Elmo.Model;

public sealed partial class ElmoDrive
{
    private enum Watch { ForwardLimit, ReverseLimit, FaultHigh, FaultLow, Following, HomeEnterUp, HomeEnterDown, Index }

    private readonly WatchLevel[] _watches;
    private readonly List<WatchLevel> _activeWatches = new(8);
    private readonly List<Watch> _activeKinds = new(8);

    /// <summary>Moves the model to time <paramref name="t"/>, applying every event on the way in time order.</summary>
    private void AdvanceTo(double t)
    {
        if (!(t > _now)) return;
        for (var guard = 0; guard < 1000; guard++)
        {
            CollectWatches();
            var hit = CrossingFinder.First(_trajectory, _now, t, _activeWatches);
            if (hit is null) break;
            _now = hit.Value.Time;
            Apply(_activeKinds[hit.Value.Watch], _trajectory.At(_now));
        }
        _now = t;
    }

    private void CollectWatches()
    {
        _activeWatches.Clear();
        _activeKinds.Clear();
        void Add(Watch w) { _activeWatches.Add(_watches[(int)w]); _activeKinds.Add(w); }
        if (Settings.ForwardLimitPosition is not null) Add(Watch.ForwardLimit);
        if (Settings.ReverseLimitPosition is not null) Add(Watch.ReverseLimit);
        if (_motorOn)
        {
            Add(Watch.FaultHigh);
            Add(Watch.FaultLow);
            Add(Watch.Following);
        }
        if (_homingStage == HomingStage.WaitSwitch && Settings.HomeSwitch is not null)
        {
            Add(Watch.HomeEnterUp);
            Add(Watch.HomeEnterDown);
        }
        if (_homingStage == HomingStage.WaitIndex && Settings.IndexPeriod > 0) Add(Watch.Index);
    }

    private void Apply(Watch watch, MotionState s)
    {
        switch (watch)
        {
            case Watch.ForwardLimit when s.Time < _profilerEnd && s.Velocity > 0:
            case Watch.ReverseLimit when s.Time < _profilerEnd && s.Velocity < 0:
                Block(s);
                break;
            case Watch.FaultHigh or Watch.FaultLow:
                LatchMotorFailure(ElmoMotorFault.PositionLimit, s);
                break;
            case Watch.Following:
                LatchMotorFailure(ElmoMotorFault.PositionTracking, s);
                break;
            case Watch.HomeEnterUp or Watch.HomeEnterDown:
                OnHomeSwitch(s);
                break;
            case Watch.Index:
                FireHoming(s);
                break;
        }
    }

    /// <summary>The stop manager: brake the reference at SD and hold it; the profiler keeps running (MS=2, SR bit 28) until ST, a new BG or MO=0.</summary>
    private void Block(MotionState s)
    {
        _trajectory = Trajectory.Build(s, _tau, ProfilePlanner.Stop(s.Velocity, Parameters.StopDeceleration), cruise: false);
        _profilerEnd = double.PositiveInfinity;
        _blocked = true;
    }

    private double ForwardLimit => Settings.ForwardLimitPosition ?? double.PositiveInfinity;

    private double ReverseLimit => Settings.ReverseLimitPosition ?? double.NegativeInfinity;

    private double WatchForwardLimit(in MotionState s, in MotionState from) => s.Actual - ForwardLimit;

    private double WatchReverseLimit(in MotionState s, in MotionState from) => ReverseLimit - s.Actual;

    private double WatchFaultHigh(in MotionState s, in MotionState from) => s.Actual - Parameters.FaultHigh[3];

    private double WatchFaultLow(in MotionState s, in MotionState from) => Parameters.FaultLow[3] - s.Actual;

    private double WatchFollowing(in MotionState s, in MotionState from) => Math.Abs(s.Reference - s.Actual) - Parameters.MaxError[3];

    private double WatchHomeEnterUp(in MotionState s, in MotionState from) =>
        from.Actual < Settings.HomeSwitch!.Value.Start ? s.Actual - Settings.HomeSwitch.Value.Start : -1;

    private double WatchHomeEnterDown(in MotionState s, in MotionState from) =>
        from.Actual > Settings.HomeSwitch!.Value.End ? Settings.HomeSwitch.Value.End - s.Actual : -1;

    // Index pulses sit at IndexOffset + k·IndexPeriod; the level rises through 0 at the first pulse beyond the start in the direction of travel.
    private double WatchIndex(in MotionState s, in MotionState from)
    {
        var direction = Math.Sign(s.Actual - from.Actual);
        if (direction == 0) return -1;
        double period = Settings.IndexPeriod, offset = Settings.IndexOffset;
        var k = (from.Actual - offset) / period;
        var next = direction > 0 ? Math.Floor(k) + 1 : Math.Ceiling(k) - 1;
        var pulse = offset + next * period;
        return direction * (s.Actual - pulse);
    }
}
