using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Catalogue;

namespace Testbed.Scans.ScanServer.Guard;

/// <summary>A scan request bound to its signature: the positional bundles and every named parameter (defaults filled in).</summary>
/// <param name="Signature">The scan's signature.</param>
/// <param name="Call">The request as the user wrote it, for messages: <c>line_scan(samx, -1, 1, steps=5, exp_time=0.01, relative=False)</c>.</param>
/// <param name="Bundles">One entry per bundle: the device and the bundle's other elements (start, stop …).</param>
/// <param name="Values">Named parameters, as sent or defaulted.</param>
/// <param name="SentKwargs">The kwargs exactly as sent (BEC repeats them in request_inputs).</param>
public sealed record BoundRequest(ScanSignature Signature, string Call, IReadOnlyList<Bundle> Bundles,
    IReadOnlyDictionary<string, BecValue> Values, BecMap SentKwargs)
{
    public double Double(string name) => Values[name].AsDouble();

    public long Int(string name) => Values[name].AsInt64();

    public bool Bool(string name) => Values[name].AsBool();

    /// <summary>The bundles flattened as BEC's request_inputs.arg_bundle: <c>["samx", -1, 1]</c>.</summary>
    public BecList ArgBundle => new(Bundles.SelectMany(b => new BecValue[] { b.Device }.Concat(b.Values)));
}

/// <summary>One positional bundle of a request: <c>(samx, -1, 1)</c>.</summary>
public sealed record Bundle(string Device, IReadOnlyList<BecValue> Values);
