using KeyProjects.Domain.Milestones;

namespace KeyProjects.Web.Features.Milestones;

public sealed record MilestoneInput
{
    public string? Name { get; init; }
    public string? Owner { get; init; }
    public DateOnly? PlannedDate { get; init; }
    public DateOnly? ActualDate { get; init; }
    public int? SortOrder { get; init; }
    public string? Note { get; init; }
    /// <summary>Why the planned date moves (PUT only; required when it moves).</summary>
    public MilestoneChangeReason? ReasonCode { get; init; }
    /// <summary>Required with ReasonCode Other.</summary>
    public string? ReasonNote { get; init; }
    /// <summary>The version read (PUT only; or an If-Match header).</summary>
    public int? Version { get; init; }

    public MilestoneDraft ToDraft() => new()
    {
        Name = Name ?? "",
        Owner = Owner,
        PlannedDate = PlannedDate,
        ActualDate = ActualDate,
        SortOrder = SortOrder ?? 0,
        Note = Note,
    };
}

public sealed record MilestoneChangeDto(DateOnly OldDate, DateOnly NewDate, MilestoneChangeReason ReasonCode, string? ReasonNote, string ChangedBy, DateTime ChangedAtUtc);

public sealed record MilestoneDto(int Id, string Name, string? Owner, DateOnly BaselineDate, DateOnly PlannedDate, DateOnly? ActualDate,
    int SortOrder, string? Note, int DaysLate, bool Overdue, int Version, IReadOnlyList<MilestoneChangeDto> Changes)
{
    public static MilestoneDto From(Milestone m, DateOnly asOf) => new(m.Id, m.Name, m.Owner, m.BaselineDate, m.PlannedDate, m.ActualDate,
        m.SortOrder, m.Note, m.DaysLate(asOf), m.IsOverdue(asOf), m.Version,
        m.Changes.OrderBy(c => c.Id).Select(c => new MilestoneChangeDto(c.OldDate, c.NewDate, c.Reason, c.Note, c.UserName, c.AtUtc)).ToList());
}

public sealed record MilestoneListDto(string ProjectCode, DateOnly AsOf, IReadOnlyList<MilestoneDto> Items);

public sealed record MonthlyPlanInput
{
    /// <summary>January to December, 万元, each month's own amount.</summary>
    public IReadOnlyList<decimal>? Amounts { get; init; }
    /// <summary>The version read: 0 when the year had no plan yet.</summary>
    public long? Version { get; init; }
}

public sealed record MonthlyPlanMonthDto(int Month, decimal PlannedInvestment, decimal Cumulative, decimal? PercentOfAnnualPlan);

public sealed record MonthlyPlanDto(string ProjectCode, int Year, decimal? AnnualPlan, decimal Total, long Version, IReadOnlyList<MonthlyPlanMonthDto> Months)
{
    public static MonthlyPlanDto From(MonthlyPlanView v)
    {
        var cumulative = MonthlyPlanRules.Cumulative(v.Amounts);
        return new(v.Project.Code, v.Year, v.AnnualPlan, v.Total, v.Version,
            v.Amounts.Select((a, i) => new MonthlyPlanMonthDto(i + 1, a, cumulative[i], MonthlyPlanRules.PercentOfPlan(cumulative[i], v.AnnualPlan))).ToList());
    }
}
