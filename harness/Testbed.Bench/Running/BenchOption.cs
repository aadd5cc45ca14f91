namespace Testbed.Bench.Running;

/// <summary>An option of a benchmark, declared as data so the command line builds (and checks) it: <c>Get</c> reads the default from the settings, <c>Set</c> returns settings with the parsed value.</summary>
public abstract record BenchOption<TSettings>(string Name, string Description)
{
    /// <summary>A whole number of at least <paramref name="Minimum"/> (a count, repetitions).</summary>
    public sealed record Count(string Name, string Description, int Minimum, Func<TSettings, int> Get, Func<TSettings, int, TSettings> Set)
        : BenchOption<TSettings>(Name, Description);

    /// <summary>A positive number of seconds.</summary>
    public sealed record Seconds(string Name, string Description, Func<TSettings, double> Get, Func<TSettings, double, TSettings> Set)
        : BenchOption<TSettings>(Name, Description);

    /// <summary>A switch, off by default.</summary>
    public sealed record Flag(string Name, string Description, Func<TSettings, bool, TSettings> Set)
        : BenchOption<TSettings>(Name, Description);

    /// <summary>A folder (null: the benchmark's own choice).</summary>
    public sealed record Folder(string Name, string Description, Func<TSettings, string?, TSettings> Set)
        : BenchOption<TSettings>(Name, Description);

    /// <summary><c>--redis</c>: a Redis address (null: a private redis-server child).</summary>
    public sealed record Redis(string Description, Func<TSettings, string?, TSettings> Set)
        : BenchOption<TSettings>("--redis", Description);
}
