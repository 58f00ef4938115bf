using System.Globalization;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;

namespace KeyProjects.Web.Features.Projects;

/// <summary>A key project in the registry (重点项目动态清单). Never deleted: retired with a reason.</summary>
public sealed class Project : IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Content { get; set; }
    public string? Location { get; set; }
    public int OrgId { get; set; }
    public Organisation? Org { get; set; }
    public string? UnitName { get; set; }
    /// <summary>The project-unit node whose users may see and report on this project, found by <see cref="UnitName"/>.</summary>
    public int? UnitOrgId { get; set; }
    public Organisation? UnitOrg { get; set; }
    public string? ResponsibleUnit { get; set; }
    /// <summary>The department node found by <see cref="ResponsibleUnit"/>, whose users see the project.</summary>
    public int? ResponsibleOrgId { get; set; }
    public Organisation? ResponsibleOrg { get; set; }
    public ProjectLevel Levels { get; set; }
    public InvestmentKind? InvestmentKind { get; set; }
    public ManagementCategory? ManagementCategory { get; set; }
    public Sector? Sector { get; set; }
    public ProjectStage Stage { get; set; }
    public decimal TotalInvestment { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedCompletion { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? ActualCompletion { get; set; }
    public DateOnly? StatisticsEntry { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Remarks { get; set; }

    public bool IsRetired { get; set; }
    public string? RetiredReason { get; set; }
    public DateTime? RetiredAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Increases with every save; a writer must name the version it read (no lost updates).</summary>
    public int Version { get; set; }
    /// <summary>The registry change number of the last write (see <see cref="Data.RegistryChanges"/>).</summary>
    public long ChangeSeq { get; set; }

    public List<ProjectYearPlan> YearPlans { get; set; } = [];
    public List<ProjectListMembership> Lists { get; set; } = [];
    public List<ProjectTeamMember> Team { get; set; } = [];

    public ProjectDraft ToDraft() => new()
    {
        Code = Code,
        Name = Name,
        Content = Content,
        Location = Location,
        OrgId = OrgId,
        UnitName = UnitName,
        ResponsibleUnit = ResponsibleUnit,
        Levels = Levels,
        InvestmentKind = InvestmentKind,
        ManagementCategory = ManagementCategory,
        Sector = Sector,
        Stage = Stage,
        TotalInvestment = TotalInvestment,
        YearPlans = YearPlans.OrderBy(y => y.Year).Select(y => new YearPlanDraft(y.Year, y.PlannedInvestment, y.Kind)).ToList(),
        PlannedStart = PlannedStart,
        PlannedCompletion = PlannedCompletion,
        ActualStart = ActualStart,
        ActualCompletion = ActualCompletion,
        StatisticsEntry = StatisticsEntry,
        Lists = Lists.OrderBy(l => l.List).Select(l => new ListMembershipDraft(l.List, l.Period, l.Batch, l.Scope, l.ExitedOn)).ToList(),
        Team = Team.OrderBy(t => t.Role).ThenBy(t => t.SortOrder).Select(t => new TeamMemberDraft(t.Role, t.Name, t.Title, t.Phone)).ToList(),
        ContactName = ContactName,
        ContactPhone = ContactPhone,
        Remarks = Remarks,
    };

    /// <summary>
    /// Takes a checked draft. Child rows are updated in place (not deleted and re-added) so that a change
    /// touches only what changed.
    /// </summary>
    public void Apply(ProjectDraft d)
    {
        Code = ProjectCode.Normalize(d.Code);
        Name = d.Name.Trim();
        Content = Clean(d.Content);
        Location = Clean(d.Location);
        OrgId = d.OrgId;
        UnitName = Clean(d.UnitName);
        ResponsibleUnit = Clean(d.ResponsibleUnit);
        Levels = d.Levels;
        InvestmentKind = d.InvestmentKind;
        ManagementCategory = d.ManagementCategory;
        Sector = d.Sector;
        Stage = d.Stage;
        TotalInvestment = d.TotalInvestment;
        PlannedStart = d.PlannedStart;
        PlannedCompletion = d.PlannedCompletion;
        ActualStart = d.ActualStart;
        ActualCompletion = d.ActualCompletion;
        StatisticsEntry = d.StatisticsEntry;
        ContactName = Clean(d.ContactName);
        ContactPhone = Clean(d.ContactPhone);
        Remarks = Clean(d.Remarks);

        YearPlans.RemoveAll(y => d.YearPlans.All(p => p.Year != y.Year));
        foreach (var p in d.YearPlans)
        {
            var kind = p.Kind ?? ProjectRules.DefaultConstructionKind(p.Year, d.PlannedStart, d.ActualStart);
            var row = YearPlans.FirstOrDefault(y => y.Year == p.Year);
            if (row is null) YearPlans.Add(new ProjectYearPlan { Year = p.Year, PlannedInvestment = p.PlannedInvestment, Kind = kind });
            else { row.PlannedInvestment = p.PlannedInvestment; row.Kind = kind; }
        }

        Lists.RemoveAll(l => d.Lists.All(m => m.List != l.List));
        foreach (var m in d.Lists)
        {
            var row = Lists.FirstOrDefault(l => l.List == m.List);
            if (row is null) Lists.Add(row = new ProjectListMembership { List = m.List });
            row.Period = m.Period;
            row.Batch = m.Batch;
            row.Scope = m.Scope;
            row.ExitedOn = m.ExitedOn;
        }

        var wanted = d.Team.Select((t, i) => (t, i)).ToList();
        Team.RemoveAll(x => wanted.All(w => w.t.Role != x.Role || w.t.Name.Trim() != x.Name));
        foreach (var (t, i) in wanted)
        {
            var name = t.Name.Trim();
            var row = Team.FirstOrDefault(x => x.Role == t.Role && x.Name == name);
            if (row is null) Team.Add(row = new ProjectTeamMember { Role = t.Role, Name = name });
            row.Title = Clean(t.Title);
            row.Phone = Clean(t.Phone);
            row.SortOrder = i;
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The project as audit lines: one invariant text per field, children keyed by what identifies them
    /// (年度计划 by year, lists by list, team by role), so that a diff of two snapshots reads as the ledger does.
    /// </summary>
    public SortedDictionary<string, string?> AuditSnapshot()
    {
        var inv = CultureInfo.InvariantCulture;
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string M(decimal m) => m.ToString("0.####", inv);
        var s = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(Code)] = Code,
            [nameof(Name)] = Name,
            [nameof(Content)] = Content,
            [nameof(Location)] = Location,
            [nameof(OrgId)] = OrgId.ToString(inv),
            [nameof(UnitName)] = UnitName,
            [nameof(ResponsibleUnit)] = ResponsibleUnit,
            [nameof(Levels)] = Levels.ToString(),
            [nameof(InvestmentKind)] = InvestmentKind?.ToString(),
            [nameof(ManagementCategory)] = ManagementCategory?.ToString(),
            [nameof(Sector)] = Sector?.ToString(),
            [nameof(Stage)] = Stage.ToString(),
            [nameof(TotalInvestment)] = M(TotalInvestment),
            [nameof(PlannedStart)] = D(PlannedStart),
            [nameof(PlannedCompletion)] = D(PlannedCompletion),
            [nameof(ActualStart)] = D(ActualStart),
            [nameof(ActualCompletion)] = D(ActualCompletion),
            [nameof(StatisticsEntry)] = D(StatisticsEntry),
            [nameof(ContactName)] = ContactName,
            [nameof(ContactPhone)] = ContactPhone,
            [nameof(Remarks)] = Remarks,
            [nameof(IsRetired)] = IsRetired ? "true" : "false",
            [nameof(RetiredReason)] = RetiredReason,
        };
        foreach (var y in YearPlans)
        {
            s[$"YearPlan[{y.Year}]"] = M(y.PlannedInvestment);
            s[$"YearKind[{y.Year}]"] = y.Kind.ToString();
        }
        foreach (var l in Lists)
            s[$"List[{l.List}]"] = string.Join(";", new[]
            {
                l.Period is { } p ? "Period=" + p.ToString(inv) : null,
                l.Batch is { } b ? "Batch=" + b : null,
                l.Scope is { } sc ? "Scope=" + sc : null,
                l.ExitedOn is { } e ? "ExitedOn=" + D(e) : null,
            }.Where(x => x is not null).DefaultIfEmpty("Yes"));
        foreach (var group in Team.GroupBy(t => t.Role))
            s[$"Team[{group.Key}]"] = string.Join("、", group.OrderBy(t => t.SortOrder)
                .Select(t => t.Name + (t.Title is null && t.Phone is null ? "" : $"({t.Title}{(t.Title is not null && t.Phone is not null ? " " : "")}{t.Phone})")));
        return s;
    }
}

public sealed class ProjectYearPlan : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int Year { get; set; }
    /// <summary>年度计划投资, 万元.</summary>
    public decimal PlannedInvestment { get; set; }
    /// <summary>新建 or 续建 in this year.</summary>
    public ConstructionKind Kind { get; set; }
}

public sealed class ProjectListMembership : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ProjectList List { get; set; }
    public int? Period { get; set; }
    public ThreeBatchesBatch? Batch { get; set; }
    public ListScope? Scope { get; set; }
    /// <summary>调出: the date the province certified 达效 and moved the project out of the 三个一批 library.</summary>
    public DateOnly? ExitedOn { get; set; }
}

public sealed class ProjectTeamMember : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public TeamRole Role { get; set; }
    public required string Name { get; set; }
    /// <summary>职务, e.g. 副县长.</summary>
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public int SortOrder { get; set; }
}
