using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// The edit form as the browser posts it: every value as text, so that "12,3a" comes back to the person with a
/// message instead of vanishing. <see cref="ToDraft"/> reads it into a <see cref="ProjectDraft"/> and names each
/// value it cannot read; the domain checks the rest.
/// </summary>
public sealed class ProjectForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Content { get; set; }
    public string? Location { get; set; }
    public string? OrgId { get; set; }
    public string? UnitName { get; set; }
    public string? ResponsibleUnit { get; set; }
    public List<string> Levels { get; set => field = value ?? []; } = [];
    public string? InvestmentKind { get; set; }
    public string? ManagementCategory { get; set; }
    public string? Sector { get; set; }
    public string? Stage { get; set; }
    public string? TotalInvestment { get; set; }
    public List<YearPlanForm> YearPlans { get; set => field = value ?? []; } = [];
    public string? PlannedStart { get; set; }
    public string? PlannedCompletion { get; set; }
    public string? ActualStart { get; set; }
    public string? ActualCompletion { get; set; }
    public string? StatisticsEntry { get; set; }
    public List<string> Lists { get; set => field = value ?? []; } = [];
    public string? ThreeBatchesPeriod { get; set; }
    public string? ThreeBatchesBatch { get; set; }
    public string? ThreeBatchesExitedOn { get; set; }
    public string? FourGuaranteesScope { get; set; }
    public List<TeamMemberForm> Team { get; set => field = value ?? []; } = [];
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Remarks { get; set; }
    public string? Version { get; set; }

    /// <summary>The form as posted (<see cref="PostedForm"/>): every value as text, the two tables by row.</summary>
    public static ProjectForm Read(IFormCollection f) => new()
    {
        Code = f.Text(nameof(Code)),
        Name = f.Text(nameof(Name)),
        Content = f.Text(nameof(Content)),
        Location = f.Text(nameof(Location)),
        OrgId = f.Text(nameof(OrgId)),
        UnitName = f.Text(nameof(UnitName)),
        ResponsibleUnit = f.Text(nameof(ResponsibleUnit)),
        Levels = f.Texts(nameof(Levels)),
        InvestmentKind = f.Text(nameof(InvestmentKind)),
        ManagementCategory = f.Text(nameof(ManagementCategory)),
        Sector = f.Text(nameof(Sector)),
        Stage = f.Text(nameof(Stage)),
        TotalInvestment = f.Text(nameof(TotalInvestment)),
        YearPlans = f.Rows(nameof(YearPlans), field => new YearPlanForm
        {
            Year = field(nameof(YearPlanForm.Year)),
            PlannedInvestment = field(nameof(YearPlanForm.PlannedInvestment)),
            Kind = field(nameof(YearPlanForm.Kind)),
        }),
        PlannedStart = f.Text(nameof(PlannedStart)),
        PlannedCompletion = f.Text(nameof(PlannedCompletion)),
        ActualStart = f.Text(nameof(ActualStart)),
        ActualCompletion = f.Text(nameof(ActualCompletion)),
        StatisticsEntry = f.Text(nameof(StatisticsEntry)),
        Lists = f.Texts(nameof(Lists)),
        ThreeBatchesPeriod = f.Text(nameof(ThreeBatchesPeriod)),
        ThreeBatchesBatch = f.Text(nameof(ThreeBatchesBatch)),
        ThreeBatchesExitedOn = f.Text(nameof(ThreeBatchesExitedOn)),
        FourGuaranteesScope = f.Text(nameof(FourGuaranteesScope)),
        Team = f.Rows(nameof(Team), field => new TeamMemberForm
        {
            Role = field(nameof(TeamMemberForm.Role)),
            Name = field(nameof(TeamMemberForm.Name)),
            Title = field(nameof(TeamMemberForm.Title)),
            Phone = field(nameof(TeamMemberForm.Phone)),
        }),
        ContactName = f.Text(nameof(ContactName)),
        ContactPhone = f.Text(nameof(ContactPhone)),
        Remarks = f.Text(nameof(Remarks)),
        Version = f.Text(nameof(Version)),
    };

    public const int BlankYearRows = 2;
    public const int BlankTeamRows = 2;

    public static ProjectForm From(ProjectDraft d, int? version)
    {
        string? Date(DateOnly? x) => x?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var three = d.Lists.FirstOrDefault(l => l.List == ProjectList.ThreeBatches);
        var four = d.Lists.FirstOrDefault(l => l.List == ProjectList.FourGuarantees);
        return new ProjectForm
        {
            Code = d.Code,
            Name = d.Name,
            Content = d.Content,
            Location = d.Location,
            OrgId = d.OrgId > 0 ? d.OrgId.ToString(CultureInfo.InvariantCulture) : null,
            UnitName = d.UnitName,
            ResponsibleUnit = d.ResponsibleUnit,
            Levels = Enum.GetValues<ProjectLevel>().Where(l => l != ProjectLevel.None && d.Levels.HasFlag(l)).Select(l => l.ToString()).ToList(),
            InvestmentKind = d.InvestmentKind?.ToString(),
            ManagementCategory = d.ManagementCategory?.ToString(),
            Sector = d.Sector?.ToString(),
            Stage = d.Stage.ToString(),
            TotalInvestment = d.TotalInvestment > 0 ? Display.Invariant(d.TotalInvestment) : null,
            YearPlans = d.YearPlans.Select(y => new YearPlanForm
            {
                Year = y.Year.ToString(CultureInfo.InvariantCulture),
                PlannedInvestment = Display.Invariant(y.PlannedInvestment),
                Kind = y.Kind?.ToString(),
            }).ToList(),
            PlannedStart = Date(d.PlannedStart),
            PlannedCompletion = Date(d.PlannedCompletion),
            ActualStart = Date(d.ActualStart),
            ActualCompletion = Date(d.ActualCompletion),
            StatisticsEntry = Date(d.StatisticsEntry),
            Lists = d.Lists.Select(l => l.List.ToString()).ToList(),
            ThreeBatchesPeriod = three?.Period?.ToString(CultureInfo.InvariantCulture),
            ThreeBatchesBatch = three?.Batch?.ToString(),
            ThreeBatchesExitedOn = Date(three?.ExitedOn),
            FourGuaranteesScope = four?.Scope?.ToString(),
            Team = d.Team.Select(t => new TeamMemberForm { Role = t.Role.ToString(), Name = t.Name, Title = t.Title, Phone = t.Phone }).ToList(),
            ContactName = d.ContactName,
            ContactPhone = d.ContactPhone,
            Remarks = d.Remarks,
            Version = version?.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Reads the form; values that are not numbers, dates or known choices are reported by field.</summary>
    public (ProjectDraft Draft, List<DomainError> Errors) ToDraft()
    {
        var errors = new List<DomainError>();
        decimal? Money(string field, string? text)
        {
            if (Infrastructure.FormValues.TryAmount(text, out var v)) return v;
            errors.Add(new FieldInvalid(field, "Error.NotANumber"));
            return null;
        }
        DateOnly? Date(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(new FieldInvalid(field, "Error.NotADate"));
            return null;
        }
        T? Choice<T>(string field, string? text) where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (Enum.TryParse<T>(text, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _)) return v;
            errors.Add(new FieldInvalid(field, "Error.ValueUnknown"));
            return null;
        }
        int? Int(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(new FieldInvalid(field, "Error.NotANumber"));
            return null;
        }

        var levels = ProjectLevel.None;
        foreach (var l in Levels) levels |= Choice<ProjectLevel>(nameof(Levels), l) ?? ProjectLevel.None;

        var plans = new List<YearPlanDraft>();
        for (var i = 0; i < YearPlans.Count; i++)
        {
            var row = YearPlans[i];
            if (string.IsNullOrWhiteSpace(row.Year) && string.IsNullOrWhiteSpace(row.PlannedInvestment)) continue;
            var prefix = $"YearPlans[{plans.Count}].";
            var year = Int(prefix + "Year", row.Year);
            var amount = Money(prefix + "PlannedInvestment", row.PlannedInvestment);
            if (string.IsNullOrWhiteSpace(row.Year)) errors.Add(new FieldInvalid(prefix + "Year", "Error.Required"));
            if (string.IsNullOrWhiteSpace(row.PlannedInvestment)) errors.Add(new FieldInvalid(prefix + "PlannedInvestment", "Error.Required"));
            plans.Add(new YearPlanDraft(year ?? 0, amount ?? 0, Choice<ConstructionKind>(prefix + "Kind", row.Kind)));
        }

        var lists = new List<ListMembershipDraft>();
        foreach (var name in Lists.Distinct())
        {
            var list = Choice<ProjectList>(nameof(Lists), name);
            if (list is null) continue;
            lists.Add(list == ProjectList.ThreeBatches
                ? new ListMembershipDraft(ProjectList.ThreeBatches, Int("Lists[0].Period", ThreeBatchesPeriod),
                    Choice<ThreeBatchesBatch>("Lists[0].Batch", ThreeBatchesBatch), ExitedOn: Date("Lists[0].ExitedOn", ThreeBatchesExitedOn))
                : list == ProjectList.FourGuarantees
                    ? new ListMembershipDraft(ProjectList.FourGuarantees, Scope: Choice<ListScope>(nameof(FourGuaranteesScope), FourGuaranteesScope))
                    : new ListMembershipDraft(list.Value));
        }

        var team = new List<TeamMemberDraft>();
        foreach (var t in Team)
        {
            if (string.IsNullOrWhiteSpace(t.Name) && string.IsNullOrWhiteSpace(t.Title) && string.IsNullOrWhiteSpace(t.Phone)) continue;
            var role = Choice<TeamRole>($"Team[{team.Count}].Role", t.Role) ?? TeamRole.Leader;
            team.Add(new TeamMemberDraft(role, t.Name?.Trim() ?? "", t.Title, t.Phone));
        }

        var draft = new ProjectDraft
        {
            Code = Code ?? "",
            Name = Name?.Trim() ?? "",
            Content = Content,
            Location = Location,
            OrgId = Int(nameof(OrgId), OrgId) ?? 0,
            UnitName = UnitName,
            ResponsibleUnit = ResponsibleUnit,
            Levels = levels,
            InvestmentKind = Choice<InvestmentKind>(nameof(InvestmentKind), InvestmentKind),
            ManagementCategory = Choice<ManagementCategory>(nameof(ManagementCategory), ManagementCategory),
            Sector = Choice<Sector>(nameof(Sector), Sector),
            Stage = Choice<ProjectStage>(nameof(Stage), Stage) ?? ProjectStage.Procedures,
            TotalInvestment = Money(nameof(TotalInvestment), TotalInvestment) ?? 0,
            YearPlans = plans,
            PlannedStart = Date(nameof(PlannedStart), PlannedStart),
            PlannedCompletion = Date(nameof(PlannedCompletion), PlannedCompletion),
            ActualStart = Date(nameof(ActualStart), ActualStart),
            ActualCompletion = Date(nameof(ActualCompletion), ActualCompletion),
            StatisticsEntry = Date(nameof(StatisticsEntry), StatisticsEntry),
            Lists = lists,
            Team = team,
            ContactName = ContactName,
            ContactPhone = ContactPhone,
            Remarks = Remarks,
        };
        return (draft, errors);
    }

    /// <summary>What a project unit may change (see ProjectService's rule), laid over the record as it stands.</summary>
    public static ProjectDraft OverlayUnitDetails(ProjectDraft current, ProjectDraft posted) => current with
    {
        Content = posted.Content,
        Location = posted.Location,
        ActualStart = posted.ActualStart,
        ActualCompletion = posted.ActualCompletion,
        ContactName = posted.ContactName,
        ContactPhone = posted.ContactPhone,
        Remarks = posted.Remarks,
        Team = current.Team.Where(t => t.Role != TeamRole.UnitHead).Concat(posted.Team.Where(t => t.Role == TeamRole.UnitHead)).ToList(),
    };

    public int? VersionNumber => int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}

public sealed class YearPlanForm
{
    public string? Year { get; set; }
    public string? PlannedInvestment { get; set; }
    public string? Kind { get; set; }
}

public sealed class TeamMemberForm
{
    public string? Role { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
}
