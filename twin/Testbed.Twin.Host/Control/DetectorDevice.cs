using Testbed.Twin.Host.Detector;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>A SIMPLON detector twin: its state, frames of the current series and the files written (read only: its state is set over SIMPLON).</summary>
public sealed class DetectorDevice(DetectorTwinEndpoint endpoint) : ControlledDevice
{
    public override string Name => endpoint.Name;

    public override string Kind => "detector";

    public override string Address => endpoint.Address;

    public override string Description => endpoint.Description;

    public override IReadOnlyList<string> SettableKeys => [];

    public override EndpointMetrics Metrics => endpoint.Metrics;

    public override IReadOnlyDictionary<string, object?> State()
    {
        var d = endpoint.Detector;
        var files = d.Writer.Files;
        return new Dictionary<string, object?>
        {
            ["state"] = d.Model.State.ToString().ToLowerInvariant(),
            ["error"] = d.Model.Error,
            ["series"] = d.Model.SequenceId,
            ["frames"] = d.Model.ArrayCounter,
            ["width"] = d.Model.Width,
            ["height"] = d.Model.Height,
            ["writer_state"] = d.Writer.State,
            ["frames_written"] = d.Writer.Captured,
            ["frames_dropped"] = d.Writer.Dropped,
            ["frames_queued"] = d.Writer.Queued,
            ["file_count"] = files.Count,
            ["files"] = files.Select(f => f.Path).ToList(),
            ["data_root"] = d.Writer.Root.Path,
        };
    }

    public override void Set(string key, ControlValue value) => throw UnknownKey(key);
}
