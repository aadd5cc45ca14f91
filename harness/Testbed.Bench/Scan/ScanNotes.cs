using System.Globalization;
using Testbed.Bench.Rendering;
using Testbed.Bench.Results;

namespace Testbed.Bench.Scan;

/// <summary>The lines of the scan benchmark besides its table: one per run, and the per-point split over the runs.</summary>
internal static class ScanNotes
{
    /// <summary>"run 1/5: stack 412 pts/s (points loop), 380 pts/s (whole request); raw XADDs 9,100 pts/s; drivers alone 870 pts/s; per point …".</summary>
    public static string Run(int run, int runs, double loop, double whole, double raw, double alone, PointSplit split) =>
        string.Create(CultureInfo.InvariantCulture,
            $"run {run + 1}/{runs}: stack {Quantity.Format(loop)} pts/s (points loop), {Quantity.Format(whole)} pts/s (whole request); raw XADDs {Quantity.Format(raw)} pts/s; " +
            $"drivers alone {Quantity.Format(alone)} pts/s; per point {Us(split.Period)} = move {Us(split.Move)} + trigger {Us(split.Trigger)} + read {Us(split.Read)} " +
            $"+ publish {Us(split.Publish)} + other {Us(split.Other)}");

    /// <summary>The split's medians and ranges over the runs, the drivers' own split, how it was measured, and the services' warnings.</summary>
    public static IReadOnlyList<string> Summary(IReadOnlyList<PointSplit> splits, IReadOnlyList<double> raws, IReadOnlyList<(double Rate, double Move, double Read)> directs,
        int channels, IReadOnlyCollection<string> warnings)
    {
        // The table's ratio rounds to 0.00× this far below the reference: say it per point instead.
        var share = Results.Spread.Of(splits.Zip(raws, (x, raw) => 1e6 / raw / x.Period * 100));
        string Part(string name, Func<PointSplit, double> of) => $"{name} {Spread(splits.Select(of))}";
        var trigger = splits.Any(x => x.Triggered)
            ? Part("trigger", x => x.Trigger)
            : "trigger 0 µs (no device of this beamline is software-triggered: the scan server sends no trigger)";
        List<string> notes =
        [
            $"per point through the stack, µs (mean over a run's points, median and range over the runs): {Part("period", x => x.Period)} = " +
            $"{Part("move", x => x.Move)} + {trigger} + {Part("read", x => x.Read)} + {Part("publish", x => x.Publish)} + {Part("other", x => x.Other)}",
            "move: set sent → completed (Elmo driver's move, readback publications); read: read sent → first reading published (4 driver reads in parallel); " +
            "publish: → read completed (readings SET+PUBLISH, blissdata XADDs flushed); other: acknowledgements back to the scan server and its turn to the next instruction",
            "the split is timed on arrival by one more subscriber of the BEC Redis (the services' own messages; nothing added to them); medians of parts need not add up",
            $"per point with the drivers alone, µs: move {Spread(directs.Select(d => d.Move))}, read {Spread(directs.Select(d => d.Read))}",
            string.Create(CultureInfo.InvariantCulture,
                $"publishing a point alone (the raw XADDs) takes {Spread(raws.Select(r => 1e6 / r))}, {share.Median:0.0#} % ({share.Min:0.0#}–{share.Max:0.0#} %) of a point through the stack"),
            $"raw reference: {channels} XADDs per point (8-byte float64 payload, ids <index>-1, as the device server's blissdata writers), pipelined and awaited point by point",
            "(b) counts the whole request: submit, staging, blissdata scan creation, closing and the stack's stand-in file writer's master file",
        ];
        if (warnings.Count > 0) notes.Add($"{warnings.Count} warning(s) from the twin or the services; first: {warnings.First()}");
        return notes;
    }

    private static string Spread(IEnumerable<double> values)
    {
        var s = Results.Spread.Of(values);
        return s.Count == 1 || s.Min == s.Max ? Us(s.Median) : $"{Us(s.Median)} ({Quantity.Range(s.Min, s.Max, ratio: false)})";
    }

    private static string Us(double micro) => $"{Quantity.Format(micro)} µs";
}
