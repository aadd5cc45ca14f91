using System.Globalization;
using Testbed.Bec.Codec;
using Testbed.Bec.Values;
using Testbed.Scans.Validation;

namespace Testbed.Scans.Client;

/// <summary>One request to a BEC-style scan server: the scan's name, its argument bundles and keyword arguments, as bec_lib sends them.</summary>
/// <param name="ScanType">BEC's scan name (<c>line_scan</c>, <c>grid_scan</c>, <c>acquire</c>, <c>time_scan</c>, <c>umv</c>, <c>mv</c>).</param>
/// <param name="Args">The argument bundles: a map from device to its numbers, or an empty list for scans without motors.</param>
/// <param name="Kwargs">Keyword arguments (steps, exp_time, relative …).</param>
/// <param name="Text">The request as the user wrote it, for messages.</param>
public sealed record ScanRequest(string ScanType, BecValue Args, BecMap Kwargs, string Text)
{
    /// <summary>The scans this form knows, with their positional arguments.</summary>
    public static IReadOnlyDictionary<string, string> Forms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["line_scan"] = "<motor> <start> <stop> [<motor> <start> <stop> …] <points> <exp_time>",
        ["grid_scan"] = "<motor> <start> <stop> <points> [<motor> <start> <stop> <points> …] <exp_time>",
        ["acquire"] = "<exp_time>",
        ["time_scan"] = "<points> <interval> <exp_time>",
        ["umv"] = "<motor> <target> [<motor> <target> …]",
        ["mv"] = "<motor> <target> [<motor> <target> …]",
    };

    /// <summary>Builds a request from the command-line form (<see cref="Forms"/>); <paramref name="options"/> become keyword arguments.</summary>
    /// <exception cref="ScanParameterException">The arguments do not fit the scan's form; the message shows the form.</exception>
    public static ScanRequest Parse(string scanType, IReadOnlyList<string> positionals, IReadOnlyDictionary<string, BecValue>? options = null)
    {
        if (!Forms.TryGetValue(scanType, out var form))
            throw new ScanParameterException($"unknown scan '{scanType}'; the scans are: {string.Join(", ", Forms.Keys)}");
        var text = string.Join(' ', [scanType, .. positionals]);
        var kwargs = new BecMap();
        BecValue args;
        switch (scanType)
        {
            case "line_scan":
                args = Bundles(positionals, 3, tail: 2, text, form);
                kwargs.Set("steps", Count(positionals[^2], "points", text));
                kwargs.Set("exp_time", Number(positionals[^1], "exp_time", text));
                kwargs.Set("relative", false);
                break;
            case "grid_scan":
                args = Bundles(positionals, 4, tail: 1, text, form, lastIsCount: true);
                kwargs.Set("exp_time", Number(positionals[^1], "exp_time", text));
                kwargs.Set("relative", false);
                break;
            case "acquire":
                Expect(positionals.Count == 1, text, form);
                args = new BecList();
                kwargs.Set("exp_time", Number(positionals[0], "exp_time", text));
                break;
            case "time_scan":
                Expect(positionals.Count == 3, text, form);
                args = new BecList();
                kwargs.Set("points", Count(positionals[0], "points", text));
                kwargs.Set("interval", Number(positionals[1], "interval", text));
                kwargs.Set("exp_time", Number(positionals[2], "exp_time", text));
                break;
            default:
                args = Bundles(positionals, 2, tail: 0, text, form);
                kwargs.Set("relative", false);
                break;
        }
        foreach (var (key, value) in options ?? new Dictionary<string, BecValue>()) kwargs.Set(key, value);
        return new ScanRequest(scanType, args, kwargs, text);
    }

    /// <summary>True for queue items that are scans (they get a scan number, a status and a file); false for moves.</summary>
    public bool IsScan => ScanType is not ("umv" or "mv");

    // (motor, numbers…) bundles, each motor a device object as bec_lib sends it (a map key).
    private static BecMap Bundles(IReadOnlyList<string> p, int size, int tail, string text, string form, bool lastIsCount = false)
    {
        Expect(p.Count >= size + tail && (p.Count - tail) % size == 0, text, form);
        var map = new BecMap();
        for (var i = 0; i < p.Count - tail; i += size)
        {
            if (double.TryParse(p[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw new ScanParameterException($"{text}: '{p[i]}' stands where a motor name goes; the form is {form}");
            var numbers = new BecList();
            for (var k = 1; k < size; k++)
                numbers.Add(lastIsCount && k == size - 1 ? Count(p[i + k], "points", text) : Number(p[i + k], $"{p[i]}'s {(k == 1 ? "start" : "stop")}", text));
            map.Add(new DeviceRef("Positioner", p[i]), numbers);
        }
        return map;
    }

    private static void Expect(bool ok, string text, string form)
    {
        if (!ok) throw new ScanParameterException($"{text}: wrong number of arguments; the form is {form}");
    }

    private static BecValue Number(string s, string what, string text)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new ScanParameterException($"{text}: {what} '{s}' is not a finite number");
        return v;
    }

    private static BecValue Count(string s, string what, string text)
    {
        if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1)
            throw new ScanParameterException($"{text}: {what} '{s}' must be a whole number ≥ 1");
        return v;
    }
}
