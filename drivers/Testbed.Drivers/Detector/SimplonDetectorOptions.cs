using Testbed.Beamline;

namespace Testbed.Drivers.Detector;

/// <summary>Where a SIMPLON detector is and where its data root is mounted on this machine.</summary>
/// <param name="Name">Controller name, used in errors.</param>
/// <param name="Url">Base URL, e.g. <c>http://127.0.0.1:8081</c>.</param>
/// <param name="DataDirectory">Absolute path of the detector's data root as this machine sees it (a shared mount).</param>
public sealed record SimplonDetectorOptions(string Name, string Url, string DataDirectory)
{
    /// <summary>Timeout of one ordinary request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Status polling period while waiting for a series.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads a <c>class: simplon_detector</c> entry: <c>http: url:</c> and <c>data_root:</c> (relative to <paramref name="baseDirectory"/>).</summary>
    public static SimplonDetectorOptions FromConfig(ControllerConfig controller, string baseDirectory)
    {
        var http = controller.Node.Require("http");
        var url = http.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
            throw http.Error("url", $"'{url}' is not an http:// URL; write e.g. http://127.0.0.1:8081");
        var root = controller.Node.String("data_root") ?? "data/" + controller.Name;
        var timeout = http.Seconds("timeout", 10);
        return new SimplonDetectorOptions(controller.Name, url.TrimEnd('/'), Path.GetFullPath(Path.Combine(baseDirectory, root)))
        {
            RequestTimeout = timeout,
        };
    }
}
