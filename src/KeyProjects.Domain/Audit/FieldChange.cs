namespace KeyProjects.Domain.Audit;

/// <summary>One field of one record: what it was and what it became. Values are invariant text (ISO dates, "." decimals, enum names).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

public static class FieldChanges
{
    /// <summary>
    /// Folds the changes of one save into one line per field: a child row removed and re-added with the same value
    /// is no change; a value changed twice keeps its first old and last new value.
    /// </summary>
    public static IReadOnlyList<FieldChange> Merge(IEnumerable<FieldChange> changes)
    {
        var byField = new Dictionary<string, (string? Old, string? New)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var c in changes)
        {
            if (byField.TryGetValue(c.Field, out var seen)) byField[c.Field] = (seen.Old, c.New);
            else
            {
                byField[c.Field] = (c.Old, c.New);
                order.Add(c.Field);
            }
        }
        return order
            .Select(f => new FieldChange(f, byField[f].Old, byField[f].New))
            .Where(c => !string.Equals(c.Old ?? "", c.New ?? "", StringComparison.Ordinal))
            .ToList();
    }
}
