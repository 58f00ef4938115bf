using System.Globalization;
using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>
/// A node of a project's 倒排工期 plan. The baseline is the first planned date and never changes; every later move of
/// the planned date is a <see cref="MilestoneChange"/> with a coded reason.
/// </summary>
public sealed class Milestone : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string Name { get; set; }
    /// <summary>责任人 or 责任单位, as text.</summary>
    public string? Owner { get; set; }
    public DateOnly BaselineDate { get; set; }
    public DateOnly PlannedDate { get; set; }
    public DateOnly? ActualDate { get; set; }
    public int SortOrder { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Increases with every save; a writer names the version it read (no lost updates).</summary>
    public int Version { get; set; }

    public List<MilestoneChange> Changes { get; set; } = [];

    public int DaysLate(DateOnly asOf) => MilestoneRules.DaysLate(BaselineDate, PlannedDate, ActualDate, asOf);

    public bool IsOverdue(DateOnly asOf) => MilestoneRules.IsOverdue(PlannedDate, ActualDate, asOf);

    public SortedDictionary<string, string?> AuditSnapshot()
    {
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(Name)] = Name,
            [nameof(Owner)] = Owner,
            [nameof(BaselineDate)] = D(BaselineDate),
            [nameof(PlannedDate)] = D(PlannedDate),
            [nameof(ActualDate)] = D(ActualDate),
            [nameof(SortOrder)] = SortOrder.ToString(CultureInfo.InvariantCulture),
            [nameof(Note)] = Note,
        };
    }
}

/// <summary>One move of a milestone's planned date: from, to, why, who, when. Never changed or deleted.</summary>
public sealed class MilestoneChange : IAudited
{
    public long Id { get; set; }
    public int MilestoneId { get; set; }
    public int ProjectId { get; set; }
    public DateOnly OldDate { get; set; }
    public DateOnly NewDate { get; set; }
    public MilestoneChangeReason Reason { get; set; }
    public string? Note { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DateTime AtUtc { get; set; }
}
