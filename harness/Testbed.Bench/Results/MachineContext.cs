namespace Testbed.Bench.Results;

/// <summary>The load a benchmark ran under, told once per run: cores, 1-minute load average at start and end, date.</summary>
/// <param name="Cores">Logical processors the process may use.</param>
/// <param name="LoadAtStart">1-minute load average when the run began, or null where the system does not report one.</param>
/// <param name="LoadAtEnd">The same when the run ended.</param>
/// <param name="Date">When the run began.</param>
public sealed record MachineContext(int Cores, double? LoadAtStart, double? LoadAtEnd, DateTimeOffset Date);
