using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Testbed.Twin.Host.Control;

/// <summary>The routes under <c>/api/faults</c>, each one call on <see cref="FaultControl"/>.</summary>
public static class FaultRoutes
{
    /// <summary>Largest inject body read: one fault is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the fault routes on <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static void Map(IEndpointRouteBuilder api, FaultControl faults)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(faults);
        var group = api.MapGroup("/faults").WithTags("faults");
        group.MapGet("", () => TypedResults.Ok(faults.List()))
            .WithName("ListFaults").WithSummary("Every fault injected or declared: type, target, start, duration, parameters, state (armed, active, over, cleared), fired_at/cleared_at in twin seconds");
        group.MapGet("/types", () => TypedResults.Ok(faults.Types()))
            .WithName("ListFaultTypes").WithSummary("The fault types: the controller classes each hits, this beamline's targets that fit, its parameters and their ranges");
        group.MapPost("", async (HttpRequest request) =>
            {
                var body = await Body(request);
                return ControlRoutes.Run(() => faults.Inject(body ?? throw new ControlException(ControlProblem.BadValue,
                    $"the body is longer than {MaxBodyBytes / 1024} KiB; send one fault as a JSON object of a few keys")));
            })
            // Any content type: `curl -d` without a header sends a form type, and the body is read as JSON whatever it is labelled.
            .Accepts<FaultRequest>("application/json", "*/*")
            .WithName("InjectFault").WithSummary("Arms one fault written as a beamline file's faults: entry, e.g. {\"type\": \"drop\", \"target\": \"tx_ctrl\", \"for\": 2, \"percent\": 50}; " +
                                                 "400 names the bad key, 409 a name already armed or active");
        group.MapDelete("/{name}", (string name) => ControlRoutes.Run(() => faults.Clear(name)))
            .WithName("ClearFault").WithSummary("Clears one fault now (an armed one never fires) and returns its record; 404 names the known faults");
        group.MapDelete("", () => ControlRoutes.Run(faults.ClearAll))
            .WithName("ClearAllFaults").WithSummary("Clears every armed and active fault; returns every record");
    }

    // Read as text: the body goes to the beamline-file reader as it is, and one fault never needs more than a few hundred bytes.
    private static async Task<string?> Body(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0) length += read;
        return length > MaxBodyBytes ? null : new string(buffer, 0, length);
    }
}
