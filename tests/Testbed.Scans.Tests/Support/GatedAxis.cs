using System.Collections.Concurrent;
using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.Tests.Support;

/// <summary>An axis with no controller behind it: every move is recorded and ends only when the test opens its gate, so a test can
/// hold a move in progress (or let it end) at the moment it chooses.</summary>
public sealed class GatedAxis(string name) : IAxis
{
    private readonly ConcurrentQueue<double> _moves = new();
    private volatile TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private double _position;

    /// <summary>The targets of every move started, in order.</summary>
    public IReadOnlyList<double> Moves => [.. _moves];

    /// <summary>Lets the move in progress (or the next one) end; the following move waits again.</summary>
    public void Open() => _gate.TrySetResult();

    /// <summary>Lets every move end at once from now on.</summary>
    public void OpenForGood()
    {
        Gated = false;
        Open();
    }

    private bool Gated { get; set; } = true;

    public string Name { get; } = name;
    public string Unit => "mm";
    public int Sign => 1;
    public double Offset => 0;
    public (double Low, double High) DialLimits { get; set; } = (-100, 100);
    public (double Low, double High) Limits => DialLimits;
    public double Backlash => 0;
    public double Velocity => 1;
    public double Acceleration => 10;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task<double> PositionAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _position));
    public Task<double> DialAsync(CancellationToken cancellationToken = default) => PositionAsync(cancellationToken);
    public Task<AxisState> StateAsync(CancellationToken cancellationToken = default) => Task.FromResult(AxisState.Ready);

    public async Task MoveAsync(double target, CancellationToken cancellationToken = default)
    {
        _moves.Enqueue(target);
        if (Gated)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Volatile.Write(ref _position, target);
    }

    public Task MoveRelativeAsync(double delta, CancellationToken cancellationToken = default) => MoveAsync(_position + delta, cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task HomeAsync(int direction, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task LimitSearchAsync(int direction, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task JogAsync(double velocity, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task StopJogAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task OnAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task OffAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task SetVelocityAsync(double velocity, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task SetAccelerationAsync(double acceleration, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task SetPositionAsync(double position, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task SetDialAsync(double dial, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
