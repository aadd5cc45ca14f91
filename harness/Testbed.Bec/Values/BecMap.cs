using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Testbed.Bec.Values;

/// <summary>A msgpack map in wire order; keys may be any value (bin keys in numpy maps, device objects as keys).</summary>
/// <remarks>
/// String lookups match str keys and device-object keys by name, as Python sees them after decoding.
/// Maps are small (a message's fields, a device's signals), so lookups scan the entries.
/// </remarks>
public sealed class BecMap : BecValue, IEnumerable<KeyValuePair<BecValue, BecValue>>
{
    private readonly List<KeyValuePair<BecValue, BecValue>> _entries;

    public BecMap() => _entries = [];

    public BecMap(int capacity) => _entries = new List<KeyValuePair<BecValue, BecValue>>(capacity);

    public BecMap(IEnumerable<KeyValuePair<BecValue, BecValue>> entries) => _entries = [.. entries];

    public override string Kind => "map";

    public int Count => _entries.Count;

    /// <summary>The entries in wire order.</summary>
    public IReadOnlyList<KeyValuePair<BecValue, BecValue>> Entries => _entries;

    /// <summary>The keys that are strings (str keys, device-object keys by name), in order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var e in _entries)
                if (e.Key.TryGetKeyString(out var k)) yield return k;
        }
    }

    public BecValue this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no key '{key}' in {Describe(80)}");
        set => Set(key, value);
    }

    public override BecMap AsMap() => this;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out BecValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    /// <summary>The value, or null when the key is absent (a present nil is <see cref="BecValue.Nil"/>).</summary>
    public BecValue? GetOrNull(string key) => TryGetValue(key, out var v) ? v : null;

    /// <summary>Replaces the value in place, or appends the key.</summary>
    public void Set(string key, BecValue value)
    {
        var i = IndexOf(key);
        if (i >= 0) _entries[i] = new(_entries[i].Key, value ?? Nil);
        else _entries.Add(new(new BecStr(key), value ?? Nil));
    }

    /// <summary>Appends a key that must not be present yet.</summary>
    public void Add(string key, BecValue value)
    {
        if (IndexOf(key) >= 0) throw new ArgumentException($"key '{key}' is already in the map", nameof(key));
        _entries.Add(new(new BecStr(key), value ?? Nil));
    }

    /// <summary>Appends an entry with any key, as read from the wire (no duplicate check).</summary>
    public void Add(BecValue key, BecValue value) => _entries.Add(new(key, value ?? Nil));

    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i >= 0) _entries.RemoveAt(i);
        return i >= 0;
    }

    internal void Insert(int index, string key, BecValue value) => _entries.Insert(index, new(new BecStr(key), value ?? Nil));

    internal int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
            if (_entries[i].Key.TryGetKeyString(out var k) && string.Equals(k, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<BecValue, BecValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(BecValue? other)
    {
        if (other is not BecMap m || m.Count != Count) return false;
        for (var i = 0; i < Count; i++)
            if (!_entries[i].Key.Equals(m._entries[i].Key) || !_entries[i].Value.Equals(m._entries[i].Value)) return false;
        return true;
    }

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        foreach (var e in _entries)
        {
            h.Add(e.Key);
            h.Add(e.Value);
        }
        return h.ToHashCode();
    }
}
