using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>The SIMPLON REST 1.8.0 subset as a function from (method, path, body) to a reply; the HTTP transport only forwards.</summary>
/// <remarks>URL scheme <c>/&lt;module&gt;/api/1.8.0/&lt;task&gt;/&lt;parameter&gt;</c> (B5.1). Errors: 400 with <c>{"error": …}</c> for bad values
/// or commands refused in the current state, 404 for unknown resources, 405 for a method a resource does not take.</remarks>
public sealed class SimplonApi
{
    public const string Version = "1.8.0";
    private static readonly string[] Modules = ["detector", "filewriter", "monitor", "stream", "system"];

    private readonly DetectorTwin _twin;
    private readonly Dictionary<(string Module, string Task), SimplonTable> _tables;
    private readonly Dictionary<(string Module, string Command), Func<byte[], Task<SimplonReply>>> _commands;

    internal SimplonApi(DetectorTwin twin)
    {
        _twin = twin;
        _tables = new()
        {
            [("detector", "config")] = DetectorConfigTable.Config(twin),
            [("detector", "status")] = DetectorConfigTable.Status(twin),
            [("filewriter", "config")] = FileWriterConfigTable.Config(twin),
            [("filewriter", "status")] = FileWriterConfigTable.Status(twin),
            [("monitor", "config")] = MonitorTable.Config(twin),
            [("monitor", "status")] = MonitorTable.Status(twin),
        };
        _commands = DetectorCommands.Table(twin);
    }

    /// <summary>One request: <paramref name="path"/> is the request target, path and, after '?', the query (monitor images take <c>timeout</c>).</summary>
    public async Task<SimplonReply> HandleAsync(string method, string path, byte[] body)
    {
        try
        {
            var q = path.IndexOf('?');
            return await RouteAsync(method.ToUpperInvariant(), q >= 0 ? path[..q] : path, q >= 0 ? path[(q + 1)..] : "", body);
        }
        catch (SimplonException e)
        {
            return SimplonReply.Error(e.Status, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SimplonReply.Error(500, $"I/O error under the data root: {e.Message}");
        }
    }

    private async Task<SimplonReply> RouteAsync(string method, string path, string query, byte[] body)
    {
        var parts = path.Trim('/').Split('/');
        if (parts is ["data", ..] && parts.Length > 1) return DataFile(method, string.Join('/', parts[1..]));
        if (parts.Length < 3 || !Modules.Contains(parts[0]) || parts[1] != "api")
            throw new SimplonException(404, $"no resource '{path}'; resources are /<module>/api/{Version}/<task>/<parameter> with module one of {string.Join(", ", Modules)}");
        var module = parts[0];
        if (parts is [_, _, "version"]) return Get(method, () => SimplonReply.Json(new JsonObject { ["value"] = Version }));
        if (parts[2] != Version) throw new SimplonException(404, $"API version '{parts[2]}' is not served; use {Version}");
        var task = parts.Length > 3 ? parts[3] : "";
        var parameter = string.Join('/', parts.Skip(4));
        if (task == "command")
        {
            if (method != "PUT") throw new SimplonException(405, $"commands take PUT, not {method}");
            return _commands.TryGetValue((module, parameter), out var command)
                ? await command(body)
                : throw new SimplonException(404, $"{module} has no command '{parameter}'; known: {string.Join(", ", _commands.Keys.Where(k => k.Module == module).Select(k => k.Command))}");
        }
        if (module == "filewriter" && task == "files" && parameter == "") return Get(method, () => SimplonReply.Json(FileWriterConfigTable.Files(_twin)));
        if (module == "monitor" && task == "images")
        {
            if (method != "GET") throw new SimplonException(405, $"this resource takes GET, not {method}");
            return await MonitorTable.ImageAsync(_twin, parameter, query);
        }
        if (!_tables.TryGetValue((module, task), out var table))
            throw new SimplonException(404, $"{module} has no task '{task}'");
        if (table.Find(parameter) is not { } p)
            throw new SimplonException(404, $"{module}/{task} has no key '{parameter}'; known: {string.Join(", ", table.Keys)}");
        if (method == "GET")
        {
            RequireInitialized(module, task, parameter);
            return SimplonReply.Json(task == "status" ? new JsonObject { ["value"] = p.Get(), ["value_type"] = p.ValueType } : p.Describe());
        }
        if (method != "PUT" || task != "config") throw new SimplonException(405, $"{module}/{task}/{parameter} takes {(task == "config" ? "GET and PUT" : "GET")}, not {method}");
        var value = SimplonJson.Value(body, required: true)!.Value;
        var before = table.Snapshot();
        p.Apply(value);
        var after = table.Snapshot();
        // The reply lists every key the PUT changed, explicitly or implicitly (B5.1).
        var changed = after.Where(kv => kv.Key == parameter || before[kv.Key] != kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal);
        return SimplonReply.Json(new JsonArray([.. changed.Select(k => (JsonNode)k)]));
    }

    private void RequireInitialized(string module, string task, string parameter)
    {
        // Before initialize only the state is readable, as on the real detector.
        if (module == "detector" && _twin.Model.State == Model.DetectorState.Na && !(task == "status" && parameter == "state"))
            throw new SimplonException(400, "the detector is not initialized; PUT detector/api/1.8.0/command/initialize first");
    }

    private SimplonReply DataFile(string method, string name)
    {
        var file = _twin.Writer.Files.FirstOrDefault(f => f.RelativePath == name)
            ?? throw new SimplonException(404, $"no file '{name}' in the filewriter's list (GET /filewriter/api/{Version}/files/)");
        if (method == "DELETE")
        {
            _twin.Writer.Remove(name);
            return SimplonReply.Empty();
        }
        if (method != "GET") throw new SimplonException(405, $"/data/ takes GET and DELETE, not {method}");
        return new SimplonReply(200, file.DatasetPath is null ? "image/tiff" : "application/x-hdf5", File.ReadAllBytes(file.Path));
    }

    private static SimplonReply Get(string method, Func<SimplonReply> reply) =>
        method == "GET" ? reply() : throw new SimplonException(405, $"this resource takes GET, not {method}");

    internal static double? TriggerValue(byte[] body)
    {
        var v = SimplonJson.Value(body, required: false);
        if (v is null) return null;
        return v.Value.ValueKind == JsonValueKind.Number ? v.Value.GetDouble()
            : throw new SimplonException(400, $"trigger value must be a number of seconds, got {v.Value.GetRawText()}");
    }
}
