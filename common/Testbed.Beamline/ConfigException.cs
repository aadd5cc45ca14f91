namespace Testbed.Beamline;

/// <summary>A beamline-file error that names the file, line and key, and says what to do.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string location, string? key, string problem, Exception? inner = null)
        : base(Format(location, key, problem), inner)
    {
        Location = location;
        Key = key;
        Problem = problem;
    }

    /// <summary>"file:line:column".</summary>
    public string Location { get; }

    /// <summary>The dotted key path, e.g. <c>nscope_rot_ctrl.axes[0].velocity</c>, when one applies.</summary>
    public string? Key { get; }

    public string Problem { get; }

    private static string Format(string location, string? key, string problem) =>
        key is null ? $"{location}: {problem}" : $"{location}: key '{key}': {problem}";
}
