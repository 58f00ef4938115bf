using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>
/// 按月排进度: one month of a project's planned investment for a year, 万元, that month's own amount (not cumulative).
/// Keyed by (ProjectId, Year, Month). Rows are never deleted: a month taken out of the plan is written as 0, so that
/// every change reaches the in-memory metrics through <see cref="ChangeSeq"/>.
/// </summary>
public sealed class ProjectMonthlyPlan : IAudited
{
    public int ProjectId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public decimal PlannedInvestment { get; set; }
    /// <summary>
    /// The progress change number (RegistryChanges.ProgressSeq) of the save that last wrote the year's plan: all twelve
    /// rows of a save carry the same number. It is also the year's version for optimistic concurrency.
    /// </summary>
    public long ChangeSeq { get; set; }
}
