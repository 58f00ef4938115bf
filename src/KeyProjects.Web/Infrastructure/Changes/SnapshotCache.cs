using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KeyProjects.Web.Infrastructure.Changes;

/// <summary>A key of a <see cref="SnapshotCache"/>: a record whose type says what value it stands for.</summary>
public interface ICacheKey<TValue>;

/// <summary>
/// Values worked out from one snapshot of an index (a subtree's scope, a sorted list, a metrics view), dropped with it.
/// Keyed by record types (<see cref="ICacheKey{TValue}"/>), compared by value: one feature's keys cannot meet another's,
/// and what a key holds is its type's to say, not a cast at each reader.
/// </summary>
public sealed class SnapshotCache(int limit = int.MaxValue)
{
    private readonly ConcurrentDictionary<object, object> _values = new();

    public TValue GetOrAdd<TKey, TValue>(TKey key, Func<TKey, TValue> make) where TKey : notnull, ICacheKey<TValue> where TValue : notnull
    {
        if (_values.TryGetValue(key, out var hit)) return (TValue)hit;
        var value = make(key);
        Set(key, value);
        return value;
    }

    public bool TryGet<TKey, TValue>(TKey key, [MaybeNullWhen(false)] out TValue value) where TKey : notnull, ICacheKey<TValue> where TValue : notnull
    {
        var found = _values.TryGetValue(key, out var hit);
        value = found ? (TValue)hit! : default;
        return found;
    }

    public void Set<TKey, TValue>(TKey key, TValue value) where TKey : notnull, ICacheKey<TValue> where TValue : notnull
    {
        // Past the limit, start again (views of many past dates): cheaper than tracking use, and rare.
        if (_values.Count >= limit) _values.Clear();
        _values[key] = value;
    }
}
