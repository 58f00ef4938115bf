using System.Linq.Expressions;
using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Problems;

/// <summary>
/// The closed loop of a problem (问题闭环): 待受理 → 办理中 → 已办结待核实 → 已销号, with 退回 by the department, rejection of an
/// answer by the verifier (back to 办理中) and reopening of a closed problem, each with a reason.
/// </summary>
public static class ProblemWorkflow
{
    public const int TitleMaxLength = 150;
    public const int TextMaxLength = 4000;

    /// <summary>
    /// Open (未办结): the statuses in which the problem is someone's to solve, so its deadline runs — 待受理, 办理中, 退回.
    /// The one definition: <see cref="IsOpen"/> in memory and <see cref="IsOpenWhere{T}"/> in SQL are made from it.
    /// </summary>
    public static readonly IReadOnlyList<ProblemStatus> OpenStatuses = [ProblemStatus.Pending, ProblemStatus.InProgress, ProblemStatus.Returned];

    public static bool IsOpen(ProblemStatus status)
    {
        foreach (var s in OpenStatuses) if (s == status) return true;
        return false;
    }

    /// <summary>
    /// The SQL form of <see cref="IsOpen"/> over a row's status: "Status = 1 OR Status = 2 OR Status = 5", with the
    /// values inlined as constants, as the queries wrote it by hand before (each status an index seek on (Status, …)).
    /// </summary>
    public static Expression<Func<T, bool>> IsOpenWhere<T>(Expression<Func<T, ProblemStatus>> status)
    {
        Expression? body = null;
        foreach (var s in OpenStatuses)
        {
            var test = Expression.Equal(status.Body, Expression.Constant(s));
            body = body is null ? test : Expression.OrElse(body, test);
        }
        return Expression.Lambda<Func<T, bool>>(body!, status.Parameters);
    }

    /// <summary>Open and past its deadline on <paramref name="today"/>.</summary>
    public static bool IsOverdue(ProblemStatus status, DateOnly deadline, DateOnly today) => IsOpen(status) && today > deadline;

    /// <summary>The status after <paramref name="action"/>, or the error that forbids it.</summary>
    public static Result<ProblemStatus> Next(ProblemStatus status, ProblemAction action) => (status, action) switch
    {
        (ProblemStatus.Pending or ProblemStatus.Returned, ProblemAction.Assigned) => ProblemStatus.Pending,
        (ProblemStatus.InProgress, ProblemAction.Assigned) => ProblemStatus.Pending,
        (ProblemStatus.Pending, ProblemAction.Accepted) => ProblemStatus.InProgress,
        (ProblemStatus.Pending or ProblemStatus.InProgress, ProblemAction.Answered) => ProblemStatus.Answered,
        (ProblemStatus.Pending or ProblemStatus.InProgress, ProblemAction.SentBack) => ProblemStatus.Returned,
        (ProblemStatus.Answered, ProblemAction.Verified) => ProblemStatus.Closed,
        (ProblemStatus.Answered, ProblemAction.Rejected) => ProblemStatus.InProgress,
        (ProblemStatus.Closed, ProblemAction.Reopened) => ProblemStatus.InProgress,
        (_, ProblemAction.Escalated or ProblemAction.AutoEscalated or ProblemAction.ReferredToMeeting) when IsOpen(status) => status,
        (_, ProblemAction.Commented) => status,
        _ => Result<ProblemStatus>.Fail(new RuleBroken("Problem.Error.Transition", status, action)),
    };

    /// <summary>Title, description and reason checks shared by the form, the API and imports.</summary>
    public static List<DomainError> CheckText(string? title, string? description)
    {
        var errors = new List<DomainError>();
        var t = title?.Trim() ?? "";
        if (t.Length == 0) errors.Add(new FieldInvalid("Title", "Problem.Error.TitleRequired"));
        else if (t.Length > TitleMaxLength) errors.Add(new FieldInvalid("Title", "Problem.Error.TitleTooLong", TitleMaxLength, t.Length));
        if ((description?.Length ?? 0) > TextMaxLength) errors.Add(new FieldInvalid("Description", "Problem.Error.TextTooLong", TextMaxLength));
        return errors;
    }

    /// <summary>A reason is required to send back, reject, reopen or escalate by hand.</summary>
    public static DomainError? CheckReason(string? reason, string field = "Reason")
    {
        var r = reason?.Trim() ?? "";
        if (r.Length == 0) return new FieldInvalid(field, "Problem.Error.ReasonRequired");
        if (r.Length > TextMaxLength) return new FieldInvalid(field, "Problem.Error.TextTooLong", TextMaxLength);
        return null;
    }

    /// <summary>Satisfaction (满意度) is 1 (不满意) to 5 (非常满意), or not given.</summary>
    public static DomainError? CheckSatisfaction(int? satisfaction) =>
        satisfaction is null or (>= 1 and <= 5) ? null : new FieldInvalid("Satisfaction", "Problem.Error.Satisfaction");
}
