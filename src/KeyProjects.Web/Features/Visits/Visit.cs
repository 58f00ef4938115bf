using KeyProjects.Domain.Visits;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Visits;

/// <summary>分包督导: a leader's visit to a project they hold, with what they found and the problems they raised.</summary>
public sealed class Visit : IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The China date of the visit.</summary>
    public DateOnly Date { get; set; }
    /// <summary>The 分包领导 as named on the project's team (decision 009).</summary>
    public required string LeaderName { get; set; }
    public VisitType Type { get; set; }
    public required string Findings { get; set; }
    /// <summary>
    /// 发现的问题, one short line each. For now they stay on the visit; <see cref="VisitService.RaiseProblemsAsync"/> is
    /// where each becomes an item of the problem ledger (source 分包领导).
    /// </summary>
    public List<string> Problems { get; set; } = [];
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
