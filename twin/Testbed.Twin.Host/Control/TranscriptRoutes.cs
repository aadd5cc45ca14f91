using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Testbed.Twin.Host.Control;

/// <summary>The routes under <c>/api/transcripts</c>, each one call on <see cref="TranscriptControl"/>.</summary>
public static class TranscriptRoutes
{
    /// <summary>Maps the transcript routes on <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static void Map(IEndpointRouteBuilder api, TranscriptControl transcripts)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(transcripts);
        var group = api.MapGroup("/transcripts").WithTags("transcripts");
        group.MapGet("", () => TypedResults.Ok(transcripts.List()))
            .WithName("ListTranscripts").WithSummary("Every served endpoint: its address, exchanges recorded on its wire since serving began, how many it keeps");
        group.MapGet("/{name}", (string name, int? last) => ControlRoutes.Run(() => transcripts.Get(name, last)))
            .WithName("GetTranscript").WithSummary("The last exchanges of one endpoint (a controller, or one of its axes), oldest first: twin seconds, outcome, request, reply; ?last=N for the newest N");
        group.MapPut("/{name}/capacity", (string name, CapacityRequest request) => ControlRoutes.Run(() => transcripts.SetCapacity(name, request.Capacity)))
            .WithName("SetTranscriptCapacity").WithSummary("Keeps the newest {\"capacity\": n} exchanges of that endpoint from now on");
    }
}

/// <summary>The body of a transcript capacity change: how many exchanges to keep.</summary>
public sealed record CapacityRequest(int Capacity);
