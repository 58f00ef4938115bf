using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Progress;

public enum ReportAction
{
    Edit = 1,
    Submit = 2,
    Approve = 3,
    Return = 4,
    Lock = 5,
    Reopen = 6,
}

/// <summary>
/// The life of a monthly report: 填报 → 报送 → 审核通过 or 退回 (with a reason) → 锁定 when its period closes. A locked report
/// is reopened only by an administrator, with a reason, and goes back to 退回 for correction.
/// </summary>
public static class ReportWorkflow
{
    public const int MaxReasonLength = 500;

    public static ReportStatus? Next(ReportStatus from, ReportAction action) => (from, action) switch
    {
        (ReportStatus.Draft or ReportStatus.Returned, ReportAction.Edit) => from,
        (ReportStatus.Draft or ReportStatus.Returned, ReportAction.Submit) => ReportStatus.Submitted,
        (ReportStatus.Submitted, ReportAction.Approve) => ReportStatus.Approved,
        (ReportStatus.Submitted or ReportStatus.Approved, ReportAction.Return) => ReportStatus.Returned,
        (not ReportStatus.Locked, ReportAction.Lock) => ReportStatus.Locked,
        (ReportStatus.Locked, ReportAction.Reopen) => ReportStatus.Returned,
        _ => null,
    };

    /// <summary>The state after the action, or why it cannot happen now.</summary>
    public static Result<ReportStatus> Apply(ReportStatus from, ReportAction action, string? reason = null)
    {
        if (Next(from, action) is not { } to)
            return Result<ReportStatus>.Fail(new RuleBroken(from == ReportStatus.Locked ? "Error.Report.Locked" : "Error.Report.NotAllowedNow", action, from));
        if (action is ReportAction.Return or ReportAction.Reopen)
        {
            if (string.IsNullOrWhiteSpace(reason)) return Result<ReportStatus>.Fail(new FieldInvalid("Reason", "Error.ReasonRequired"));
            if (reason.Trim().Length > MaxReasonLength) return Result<ReportStatus>.Fail(new FieldInvalid("Reason", "Error.TooLong", MaxReasonLength));
        }
        return to;
    }
}
