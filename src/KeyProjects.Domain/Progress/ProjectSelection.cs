using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Progress;

/// <summary>
/// Which projects a metric covers beyond the tree: any of some levels (省重点, 市重点: "省市重点" is both) and every one of
/// some lists (三个一批, 补短板982, 专项债, 中央预算内 …), so "省重点 ∩ 专项债" is Levels = Provincial, Lists = [SpecialBond].
/// </summary>
public sealed record ProjectSelection(ProjectLevel Levels, IReadOnlyList<ProjectList> Lists)
{
    public static readonly ProjectSelection All = new(ProjectLevel.None, []);

    public bool IsAll => Levels == ProjectLevel.None && Lists.Count == 0;

    public bool Matches(ProjectLevel levels, IReadOnlyList<ProjectList> lists)
    {
        if (Levels != ProjectLevel.None && (levels & Levels) == 0) return false;
        foreach (var l in Lists)
            if (!lists.Contains(l)) return false;
        return true;
    }

    /// <summary>Names separated by commas, e.g. "Provincial,SpecialBond"; null or empty is every project.</summary>
    public static bool TryParse(string? text, out ProjectSelection selection)
    {
        selection = All;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var levels = ProjectLevel.None;
        var lists = new List<ProjectList>();
        foreach (var token in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<ProjectLevel>(token, true, out var level) && level != ProjectLevel.None && Enum.IsDefined(level) && !int.TryParse(token, out _))
                levels |= level;
            else if (Enum.TryParse<ProjectList>(token, true, out var list) && Enum.IsDefined(list) && !int.TryParse(token, out _))
            {
                if (!lists.Contains(list)) lists.Add(list);
            }
            else return false;
        }
        selection = new ProjectSelection(levels, lists.Order().ToList());
        return true;
    }

    public override string ToString() =>
        string.Join(',', Enum.GetValues<ProjectLevel>().Where(l => l != ProjectLevel.None && Levels.HasFlag(l)).Select(l => l.ToString())
            .Concat(Lists.Select(l => l.ToString())));
}
