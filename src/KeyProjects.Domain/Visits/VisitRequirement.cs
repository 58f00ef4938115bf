namespace KeyProjects.Domain.Visits;

/// <summary>
/// How many visits each project a leader holds needs in a month: the installation's number (全覆盖: 1), unless an
/// organisation sets its own (南乐县: 2), which its subtree follows unless a node below sets another.
/// </summary>
public static class VisitRequirement
{
    public const int DefaultMinPerProjectPerMonth = 1;

    public const int MaxPerProjectPerMonth = 31;

    public static bool IsValid(int perMonth) => perMonth is >= 1 and <= MaxPerProjectPerMonth;

    /// <summary>
    /// The requirement for a node, walking from the node up to the root (<paramref name="nodeToRoot"/>); an organisation
    /// is named in <paramref name="overrides"/> by its id or its exact name. Invalid numbers are ignored.
    /// </summary>
    public static int For(IEnumerable<(string Id, string Name)> nodeToRoot, IReadOnlyDictionary<string, int?> overrides, int installationDefault)
    {
        var fallback = IsValid(installationDefault) ? installationDefault : DefaultMinPerProjectPerMonth;
        if (overrides.Count == 0) return fallback;
        foreach (var (id, name) in nodeToRoot)
            if ((overrides.TryGetValue(id, out var n) || overrides.TryGetValue(name, out n)) && n is { } v)
                return IsValid(v) ? v : fallback;
        return fallback;
    }
}
