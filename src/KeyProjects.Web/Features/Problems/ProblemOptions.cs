using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Features.Problems;

/// <summary>Configuration section "Problems".</summary>
public sealed class ProblemOptions
{
    public const string Section = "Problems";

    /// <summary>How often each server runs the escalation sweep (all servers may; the lease lets one at a time work).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the background sweep runs at all (tests and the bench turn it off and call it by hand).</summary>
    public bool SweepInBackground { get; set; } = true;

    /// <summary>
    /// How many change numbers of the problems' change log the sweep keeps (ChangeCounter.PruneProblemLogAsync); a server whose
    /// copy of the open problems is older loads them afresh. About a week of a province's writes.
    /// </summary>
    public long ChangeLogKeep { get; set; } = 10_000;

    /// <summary>
    /// An organisation's own ladder, by its id or exact name ("Problems:Ladders:漯河市:Levels:0:WorkingDays": 0); its subtree
    /// uses it unless a node below has one. Without any, 漯河's five levels at three working days each.
    /// </summary>
    public Dictionary<string, LadderOptions> Ladders { get; set; } = [];

    public sealed class LadderOptions
    {
        public List<LevelOptions> Levels { get; set; } = [];
    }

    public sealed class LevelOptions
    {
        public string? Name { get; set; }
        public int? WorkingDays { get; set; }
        public LadderScope? Scope { get; set; }
        public List<Role>? Owners { get; set; }
    }

    private readonly Dictionary<string, EscalationLadder> _built = [];

    /// <summary>The ladder for a project of an organisation: its own, the nearest ancestor's, or the default.</summary>
    public EscalationLadder LadderFor(int orgId, IReadOnlyDictionary<int, IndexedOrg> orgs)
    {
        if (Ladders.Count == 0) return EscalationLadder.Default;
        for (int? id = orgId; id is { } v && orgs.TryGetValue(v, out var o); id = o.ParentId)
        {
            var key = v.ToString(CultureInfo.InvariantCulture);
            if (Ladders.ContainsKey(key) || Ladders.ContainsKey(o.Name))
            {
                var name = Ladders.ContainsKey(key) ? key : o.Name;
                lock (_built)
                {
                    if (!_built.TryGetValue(name, out var ladder)) _built[name] = ladder = Build(Ladders[name]);
                    return ladder;
                }
            }
        }
        return EscalationLadder.Default;
    }

    /// <summary>Levels left out keep the default's values; a ladder may be shorter or longer than five.</summary>
    private static EscalationLadder Build(LadderOptions o)
    {
        if (o.Levels.Count == 0) return EscalationLadder.Default;
        var levels = o.Levels.Select((l, i) =>
        {
            var d = i < EscalationLadder.Default.Top ? EscalationLadder.Default.Levels[i] : EscalationLadder.Default.Levels[^1];
            return new LadderLevel(i + 1, string.IsNullOrWhiteSpace(l.Name) ? (i < EscalationLadder.Default.Top ? null : $"{i + 1}") : l.Name.Trim(),
                l.WorkingDays ?? d.WorkingDays, l.Scope ?? d.Scope, l.Owners ?? d.Owners);
        }).ToList();
        return new EscalationLadder(levels);
    }
}
