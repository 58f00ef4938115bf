using KeyProjects.Domain.Visits;

namespace KeyProjects.Web.Features.Visits;

/// <summary>Configuration section "Visits" (docs/OPERATIONS.md).</summary>
public sealed class VisitOptions
{
    public const string Section = "Visits";

    /// <summary>Visits each project a leader holds needs per month (全覆盖: 1).</summary>
    public int MinPerProjectPerMonth { get; set; } = VisitRequirement.DefaultMinPerProjectPerMonth;

    /// <summary>From this day of the month, leaders who still owe visits are reminded (once a month each, 督导提醒).</summary>
    public int RemindFromDay { get; set; } = 20;

    /// <summary>How many days back a visit may be recorded.</summary>
    public int BackfillDays { get; set; } = VisitRules.DefaultBackfillDays;

    /// <summary>
    /// An organisation's own requirement, by its id or exact name ("Visits:Organisations:南乐县:MinPerProjectPerMonth": 2);
    /// its subtree follows it unless a node below has one of its own.
    /// </summary>
    public Dictionary<string, OrgOptions> Organisations { get; set; } = [];

    public sealed class OrgOptions
    {
        public int? MinPerProjectPerMonth { get; set; }
    }

    /// <summary>The requirement for the projects of an organisation: its own, the nearest ancestor's, or the installation's.</summary>
    public int RequiredFor(int orgId, IReadOnlyDictionary<int, Projects.IndexedOrg> orgs)
    {
        var overrides = Organisations.ToDictionary(kv => kv.Key, kv => kv.Value.MinPerProjectPerMonth, StringComparer.Ordinal);
        return VisitRequirement.For(Chain(orgId, orgs), overrides, MinPerProjectPerMonth);
    }

    private static IEnumerable<(string, string)> Chain(int orgId, IReadOnlyDictionary<int, Projects.IndexedOrg> orgs)
    {
        for (int? id = orgId; id is { } v && orgs.TryGetValue(v, out var o); id = o.ParentId)
            yield return (v.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name);
    }
}
