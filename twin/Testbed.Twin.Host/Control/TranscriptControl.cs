using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>The wire-transcript half of the control API, in process: the last exchanges each served endpoint saw on its wire, and
/// how many it keeps.</summary>
/// <remarks>An endpoint is named by its controller; an axis name stands for the drive that serves it, as in a fault's target.</remarks>
public sealed class TranscriptControl
{
    /// <summary>Largest ring an endpoint may keep: a few MB at most per endpoint.</summary>
    public const int MaxCapacity = 100_000;

    private readonly IReadOnlyList<ITwinEndpoint> _endpoints;
    private readonly IReadOnlyDictionary<string, string> _axisOwners;

    public TranscriptControl(ServedBeamline served)
    {
        ArgumentNullException.ThrowIfNull(served);
        _endpoints = served.Endpoints;
        _axisOwners = served.Served.Controllers
            .SelectMany(c => c.Axes.Select(a => a.IsMapping ? a.String("name") : null).OfType<string>().Select(axis => (axis, c.Name)))
            .GroupBy(p => p.axis, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }

    /// <summary>Every endpoint: its address, exchanges recorded since serving began and the ring's capacity.</summary>
    public IReadOnlyList<TranscriptSummary> List() =>
        [.. _endpoints.Select(e => new TranscriptSummary(e.Name, e.Address, e.Transcript.Recorded, e.Transcript.Capacity))];

    /// <summary>The last <paramref name="last"/> exchanges (all kept when null) of the endpoint named <paramref name="device"/>, oldest first.</summary>
    public TranscriptReport Get(string device, int? last = null)
    {
        if (last is < 1) throw new ControlException(ControlProblem.BadValue, $"last: {last} is not a positive number of exchanges");
        var e = Find(device);
        var kept = e.Transcript.Snapshot();
        var shown = last is { } n ? kept.Skip(Math.Max(0, kept.Count - n)).ToList() : kept;
        return new TranscriptReport(e.Name, e.Address, e.Transcript.Recorded, e.Transcript.Capacity,
            [.. shown.Select(x => new TranscriptExchange(x.Elapsed.TotalSeconds, Outcome(x.Outcome), x.Request, x.Reply, x.Format().Trim()))]);
    }

    /// <summary>Keeps the newest <paramref name="capacity"/> exchanges of that endpoint from now on (those held that fit are kept).</summary>
    public TranscriptSummary SetCapacity(string device, int capacity)
    {
        if (capacity is < 1 or > MaxCapacity)
            throw new ControlException(ControlProblem.BadValue, $"capacity: {capacity} is outside 1…{MaxCapacity} exchanges");
        var e = Find(device);
        e.Transcript.Capacity = capacity;
        return new TranscriptSummary(e.Name, e.Address, e.Transcript.Recorded, e.Transcript.Capacity);
    }

    private ITwinEndpoint Find(string name)
    {
        var owner = _axisOwners.GetValueOrDefault(name, name);
        return _endpoints.FirstOrDefault(e => string.Equals(e.Name, owner, StringComparison.Ordinal))
            ?? throw new ControlException(ControlProblem.NotFound,
                $"no served device '{name}'; devices with a wire: {string.Join(", ", _endpoints.Select(e => e.Name))} (or one of their axes)");
    }

    // snake_case as every other name of the API: NoReply → no_reply.
    private static string Outcome(WireOutcome outcome) =>
        string.Concat(outcome.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}

/// <summary>One endpoint's transcript in the list: where it listens, what it recorded, what it keeps.</summary>
public sealed record TranscriptSummary(string Name, string Address, long Recorded, int Capacity);

/// <summary>The last exchanges of one endpoint, oldest first.</summary>
public sealed record TranscriptReport(string Name, string Address, long Recorded, int Capacity, IReadOnlyList<TranscriptExchange> Exchanges);

/// <summary>One exchange: twin seconds since serving began, what became of the request, both sides escaped, and the report line.</summary>
public sealed record TranscriptExchange(double ElapsedSeconds, string Outcome, string Request, string Reply, string Line);
