namespace Testbed.Bench.Running;

/// <summary>Where a running benchmark tells what it is doing (a repetition done and its ratios); the CLI prints it, tests may record it.</summary>
public interface IBenchProgress
{
    void Note(string text);
}
