using System.Collections;

namespace Testbed.Bec.Values;

/// <summary>A msgpack array (Python list or tuple).</summary>
public sealed class BecList : BecValue, IList<BecValue>, IReadOnlyList<BecValue>
{
    private readonly List<BecValue> _items;

    public BecList() => _items = [];

    public BecList(int capacity) => _items = new List<BecValue>(capacity);

    public BecList(IEnumerable<BecValue> items) => _items = [.. items];

    public override string Kind => "list";

    public int Count => _items.Count;

    public bool IsReadOnly => false;

    public BecValue this[int index]
    {
        get => _items[index];
        set => _items[index] = value ?? Nil;
    }

    public override BecList AsList() => this;

    public void Add(BecValue item) => _items.Add(item ?? Nil);

    public void Insert(int index, BecValue item) => _items.Insert(index, item ?? Nil);

    public void RemoveAt(int index) => _items.RemoveAt(index);

    public bool Remove(BecValue item) => _items.Remove(item);

    public void Clear() => _items.Clear();

    public bool Contains(BecValue item) => _items.Contains(item);

    public int IndexOf(BecValue item) => _items.IndexOf(item);

    public void CopyTo(BecValue[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <summary>Every item as a string; throws naming the first item that is not one.</summary>
    public IReadOnlyList<string> AsStrings() => [.. _items.Select(i => i.AsString())];

    public IEnumerator<BecValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(BecValue? other)
    {
        if (other is not BecList l || l.Count != Count) return false;
        for (var i = 0; i < Count; i++)
            if (!_items[i].Equals(l._items[i])) return false;
        return true;
    }

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Count);
        foreach (var i in _items) h.Add(i);
        return h.ToHashCode();
    }
}
