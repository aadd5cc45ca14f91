namespace Testbed.Bench.Results;

/// <summary>Whether a case's median met its target.</summary>
public enum Verdict
{
    Met,
    NotMet,
}

/// <summary>How verdicts are written: <c>MET</c> and <c>NOT MET</c>.</summary>
public static class VerdictNames
{
    public static string Text(this Verdict verdict) => verdict == Verdict.Met ? "MET" : "NOT MET";
}
