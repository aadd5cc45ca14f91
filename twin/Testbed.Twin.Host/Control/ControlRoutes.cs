using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Testbed.Twin.Host.Control;

/// <summary>The routes of the control API, each one call on <see cref="TwinControl"/>.</summary>
public static class ControlRoutes
{
    /// <summary>Maps every route under <c>/api</c>.</summary>
    public static void Map(IEndpointRouteBuilder app, TwinControl control)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(control);
        var api = app.MapGroup("/api");

        var devices = api.MapGroup("/devices").WithTags("devices");
        devices.MapGet("", () => TypedResults.Ok(control.Devices()))
            .WithName("ListDevices").WithSummary("Every device of the twin: name, kind (axis, counter, detector, world), device-protocol address");
        devices.MapGet("/{name}", (string name) => Run(() => control.Get(name)))
            .WithName("GetDevice").WithSummary("One device's simulated state now and the keys that can be set");
        devices.MapPut("/{name}/{key}", (string name, string key, SetRequest request) => Run(() => control.Set(name, key, Value(request))))
            .WithName("SetDeviceState").WithSummary("Sets one key of a device's state, e.g. {\"value\": 1000} for an axis position; returns the new state");

        var clock = api.MapGroup("/clock").WithTags("clock");
        clock.MapGet("", () => TypedResults.Ok(control.Clock()))
            .WithName("GetClock").WithSummary("The simulation clock: elapsed virtual time, paused, rate");
        clock.MapPost("/pause", () => Run(control.Pause)).WithName("PauseClock").WithSummary("Stops virtual time");
        clock.MapPost("/resume", () => Run(control.Resume)).WithName("ResumeClock").WithSummary("Lets virtual time run again at its rate");
        clock.MapPost("/step", (StepRequest request) => Run(() => control.Step(TimeSpan.FromSeconds(request.Seconds))))
            .WithName("StepClock").WithSummary("Advances virtual time by exactly {\"seconds\": s}, firing every timer due on the way");
        clock.MapPut("/rate", (RateRequest request) => Run(() => control.SetRate(request.Rate)))
            .WithName("SetClockRate").WithSummary("Sets {\"rate\": r} virtual seconds per real second");

        api.MapGet("/metrics", () => TypedResults.Ok(control.Metrics())).WithTags("metrics")
            .WithName("GetMetrics").WithSummary("Requests, errors and latency histogram of every endpoint on its device protocol");

        FaultRoutes.Map(api, control.Faults);
        TranscriptRoutes.Map(api, control.Transcripts);
    }

    private static ControlValue Value(SetRequest request) => request.Value.ValueKind == JsonValueKind.Undefined
        ? throw new ControlException(ControlProblem.BadValue, "the body gives no value; send e.g. {\"value\": 1000}")
        : ControlValue.From(request.Value);

    /// <summary>The action's result, or its <see cref="ControlException"/> as problem details (404, 409, else 400).</summary>
    internal static Results<Ok<T>, ProblemHttpResult> Run<T>(Func<T> action)
    {
        try
        {
            return TypedResults.Ok(action());
        }
        catch (ControlException e)
        {
            var (status, title) = e.Problem switch
            {
                ControlProblem.NotFound => (StatusCodes.Status404NotFound, "not found"),
                ControlProblem.Conflict => (StatusCodes.Status409Conflict, "conflict"),
                _ => (StatusCodes.Status400BadRequest, "bad value"),
            };
            return ControlHttpServer.Problem(status, title, e.Message);
        }
    }
}

/// <summary>The body of a set: the value (a number, true/false or a string).</summary>
public sealed record SetRequest(JsonElement Value);

/// <summary>The body of a clock step: virtual seconds.</summary>
public sealed record StepRequest(double Seconds);

/// <summary>The body of a rate change: virtual seconds per real second.</summary>
public sealed record RateRequest(double Rate);
