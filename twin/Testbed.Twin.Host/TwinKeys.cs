using System.Collections;
using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>One key of a <c>twin:</c> block: its name, what it sets, and how a given value is checked and applied.</summary>
/// <typeparam name="T">The settings record the key is read onto; an absent key leaves that record's default.</typeparam>
/// <param name="Name">The key as written in the beamline file.</param>
/// <param name="Doc">What it sets, in a few words (units, allowed values).</param>
/// <param name="Apply">Reads the key's value node onto the settings; a bad value throws <see cref="ConfigException"/> at that node.</param>
public sealed record TwinKey<T>(string Name, string Doc, Func<ConfigNode, T, T> Apply);

/// <summary>Every key of one family's <c>twin:</c> block, one line each; the table is both the list of known keys and the reader.</summary>
/// <remarks>
/// Reading refuses an unknown key first (naming the nearest known one), then applies each given key in table order, so the
/// first bad value in table order is the one reported. Reading has no side effects: nothing is created, bound or resolved.
/// </remarks>
public sealed class TwinKeys<T> : IEnumerable<TwinKey<T>>
{
    private readonly List<TwinKey<T>> _keys = [];

    /// <summary>The key names in table order (the order also decides between equally near suggestions for a typo).</summary>
    public IReadOnlyList<string> Names => _keys.Select(k => k.Name).ToList();

    /// <summary>Adds a line (collection-expression syntax); a name listed twice is a programming error.</summary>
    public void Add(TwinKey<T> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_keys.Any(k => k.Name == key.Name)) throw new ArgumentException($"twin key '{key.Name}' is listed twice", nameof(key));
        _keys.Add(key);
    }

    /// <summary>Reads <paramref name="block"/> (a <c>twin:</c> mapping, or null when the entry has none) onto <paramref name="defaults"/>.</summary>
    /// <param name="block">The <c>twin:</c> block.</param>
    /// <param name="defaults">The settings absent keys keep.</param>
    /// <param name="rules">Checks across keys (e.g. two keys that set the same value), run after unknown keys are refused and before any key is applied.</param>
    /// <exception cref="ConfigException">An unknown key, or a bad value (file:line and key).</exception>
    public T Read(ConfigNode? block, T defaults, Action<ConfigNode>? rules = null)
    {
        if (block is null) return defaults;
        block.ExpectOnly([.. Names]);
        rules?.Invoke(block);
        var settings = defaults;
        foreach (var key in _keys)
            if (block.Get(key.Name) is { } value) settings = key.Apply(value, settings);
        return settings;
    }

    public IEnumerator<TwinKey<T>> GetEnumerator() => _keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
