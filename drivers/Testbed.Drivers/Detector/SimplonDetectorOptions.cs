using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

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
        var urlNode = http.Require("url");
        var address = LineAddress.Parse(urlNode, LineKind.Http, baseDirectory);
        if (address.Port == 0)
            throw urlNode.Error(null, "port 0 (any free port) is for the twin; give the port the detector answers on (testbed twin serve --ports free prints a resolved beamline file with it)");
        var url = urlNode.AsString().Trim();
        var root = controller.Node.String("data_root") ?? "data/" + controller.Name;
        var timeout = http.Seconds("timeout", 10);
        return new SimplonDetectorOptions(controller.Name, url.TrimEnd('/'), Path.GetFullPath(Path.Combine(baseDirectory, root)))
        {
            RequestTimeout = timeout,
        };
    }
}
