using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Access;

/// <summary>
/// Who may do what on which object: the role's permission (<see cref="AccessPolicy"/>) and where the object sits
/// relative to the actor's <see cref="Subtree"/>. The conditions on an object are written here once — a project unit
/// acts only on the projects it builds, a department only on the problems assigned to it — and the services ask; pages
/// and endpoints show what the services return.
/// </summary>
public static class Rights
{
    /// <summary>On the list of the actor's subtree: the project's region lies in it.</summary>
    public static bool OnList(Actor actor, ProjectPlaces project) => actor.Subtree.HoldsOnList(project);

    /// <summary>The actor is the project's own unit: a project unit's user whose node builds it.</summary>
    public static bool IsOwnUnit(Actor actor, ProjectPlaces project) => actor.Role == Role.ProjectUnit && actor.Subtree.Holds(project.Unit);

    public static ProjectRights OnProject(Actor actor, ProjectPlaces project)
    {
        var onList = OnList(actor, project);
        var full = onList && actor.Can(Permission.EditProject);
        var unit = !full && IsOwnUnit(actor, project);
        return new ProjectRights(
            Edit: full || unit,
            EditAll: full,
            Retire: onList && actor.Can(Permission.RetireProject),
            History: actor.Can(Permission.ViewAudit) || unit);
    }

    /// <summary>A project unit fills in only its own projects' reports; the others, those on their list.</summary>
    public static ReportRights OnReports(Actor actor, ProjectPlaces project)
    {
        var onList = OnList(actor, project);
        return new ReportRights(
            Fill: actor.Can(Permission.ReportProgress) && (IsOwnUnit(actor, project) || (onList && actor.Role != Role.ProjectUnit)),
            Review: actor.Can(Permission.ReviewReports) && onList,
            Reopen: actor.Can(Permission.ReopenReports) && onList);
    }

    /// <summary>
    /// One month's report: nobody reviews a report they filled in or submitted themselves (issue 13: a staffer typing a
    /// unit's figures must have another approve them); the other rights are the project's.
    /// </summary>
    public static ReportRights OnReport(Actor actor, ReportRights onProject, string? createdBy, string? submittedBy) =>
        createdBy == actor.UserName || submittedBy == actor.UserName ? onProject with { Review = false } : onProject;

    /// <summary>Load a project's past months from a workbook: over the projects on the actor's list.</summary>
    public static bool MayLoadReportHistory(Actor actor, ProjectPlaces project) =>
        actor.Can(Permission.LoadReportHistory) && OnList(actor, project);

    /// <summary>
    /// 倒排工期 and monthly amounts: planners over the projects on their list, and the project's own unit (for the details it
    /// keeps). Nobody plans a retired project.
    /// </summary>
    public static bool MayPlanMilestones(Actor actor, ProjectPlaces project, bool retired) =>
        !retired && ((actor.Can(Permission.PlanMilestones) && OnList(actor, project))
            || (IsOwnUnit(actor, project) && actor.Can(Permission.EditOwnProjectDetails)));

    /// <summary>Schedule, keep and assign the tasks of a meeting held by a node of the actor's subtree.</summary>
    public static bool MayManageMeetings(Actor actor, string? meetingOrgPath) =>
        actor.Can(Permission.ManageMeetings) && actor.Subtree.Holds(meetingOrgPath);

    /// <summary>Report a 交办事项 done: for a node of the actor's subtree that carries it out.</summary>
    public static bool MayReportTask(Actor actor, string? ownerPath) =>
        actor.Can(Permission.ReportTasks) && actor.Subtree.Holds(ownerPath);

    /// <summary>The project is the actor's (its subtree holds it: list, unit or responsible department).</summary>
    public static bool SeesProject(Actor actor, ProjectPlaces project) => actor.Subtree.HoldsProject(project);

    /// <summary>The problem is the actor's: its project is, or a node of the actor's answers or cooperates on it, or the actor raised it.</summary>
    public static bool SeesProblem(Actor actor, ProblemFacts p) =>
        actor.Subtree.HoldsProblem(SeesProject(actor, p.Project), p.Department, p.Cooperating) || p.RaisedById == actor.UserId;

    /// <summary>The node answering for the problem lies in the actor's subtree.</summary>
    public static bool IsAnsweringDepartment(Actor actor, ProblemFacts p) => actor.Subtree.Holds(p.Department);

    /// <summary>
    /// The loop's rights: a department only on the problems assigned to it (other handlers on their projects'); verifiers
    /// on their projects' and on those they raised; dispatchers on their projects'.
    /// </summary>
    public static ProblemRights OnProblem(Actor actor, ProblemFacts p)
    {
        var mine = SeesProject(actor, p.Project);
        var department = actor.Can(Permission.HandleProblems) && (actor.Role == Role.Department ? IsAnsweringDepartment(actor, p) : mine);
        var verifier = (actor.Can(Permission.VerifyProblems) && mine) || p.RaisedById == actor.UserId;
        var dispatcher = actor.Can(Permission.DispatchProblems) && mine;
        var open = ProblemWorkflow.IsOpen(p.Status);
        var assigned = p.Department is not null;
        return new ProblemRights(
            Accept: department && p.Status == ProblemStatus.Pending && assigned,
            Answer: department && p.Status is ProblemStatus.Pending or ProblemStatus.InProgress,
            SendBack: department && p.Status is ProblemStatus.Pending or ProblemStatus.InProgress && assigned,
            Verify: verifier && p.Status == ProblemStatus.Answered,
            Reopen: verifier && p.Status == ProblemStatus.Closed,
            Assign: dispatcher && open,
            Escalate: dispatcher && open && p.Level < p.TopLevel,
            Attach: (mine && actor.Can(Permission.RaiseProblems)) || department);
    }
}
