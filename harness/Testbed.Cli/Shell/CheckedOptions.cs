using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Testbed.Blissdata;

namespace Testbed.Cli.Shell;

/// <summary>Options whose values are checked while parsing, with errors in the user's terms (not .NET's parser text).</summary>
internal static class CheckedOptions
{
    /// <summary>A finite number; <paramref name="check"/> returns why a value is refused, or null.</summary>
    public static Option<double> Number(string name, string description, double fallback, Func<double, string?>? check = null) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r => Parse(r, name, fallback, check),
        };

    /// <summary>A positive finite number (a rate, a time).</summary>
    public static Option<double> Positive(string name, string description, double fallback) =>
        Number(name, description, fallback, v => v > 0 ? null : "must be a positive number");

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<int> Count(string name, string description, int fallback, int minimum) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return fallback;
                var text = r.Tokens[^1].Value;
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    r.AddError($"{name} '{text}' is not a whole number");
                else if (value < minimum)
                    r.AddError($"{name} {value}: must be at least {minimum}");
                return value;
            },
        };

    /// <summary>A Redis address (<c>redis://host:port/db</c> or <c>host:port</c>), checked before anything connects.</summary>
    public static Option<string?> Redis(string description, string? fallback = null, string name = "--redis")
    {
        var option = new Option<string?>(name) { Description = description };
        if (fallback is not null) option.DefaultValueFactory = _ => fallback;
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string?>();
            if (value is not null && RedisUrl.Problem(value) is { } problem) r.AddError($"{name}: {problem}");
        });
        return option;
    }

    private static double Parse(ArgumentResult r, string name, double fallback, Func<double, string?>? check)
    {
        if (r.Tokens.Count == 0) return fallback;
        var text = r.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            r.AddError($"{name} '{text}' is not a number; write e.g. 1.5 or -2e3");
            return fallback;
        }
        if (!double.IsFinite(value))
        {
            r.AddError($"{name} '{text}' is too large to be a number (beyond ±1.8e308)");
            return fallback;
        }
        if (check?.Invoke(value) is { } problem) r.AddError($"{name} {text}: {problem}");
        return value;
    }
}
