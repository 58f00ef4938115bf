using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Access;

/// <summary>What the actor may do with a project they can see (<see cref="Rights.OnProject"/>).</summary>
public sealed record ProjectRights(bool Edit, bool EditAll, bool Retire, bool History);

/// <summary>What the actor may do with a project's monthly reports (<see cref="Rights.OnReports"/>).</summary>
public sealed record ReportRights(bool Fill, bool Review, bool Reopen);

/// <summary>What the actor may do next in a problem's loop (<see cref="Rights.OnProblem"/>).</summary>
public sealed record ProblemRights(bool Accept, bool Answer, bool SendBack, bool Verify, bool Reopen, bool Assign, bool Escalate, bool Attach);

/// <summary>
/// What rights on a problem depend on: where its project sits, the paths of the department that answers (if assigned)
/// and of those that cooperate, who raised it, its status and level, and its ladder's top level.
/// </summary>
public sealed record ProblemFacts(ProjectPlaces Project, string? Department, IReadOnlyList<string?> Cooperating, string RaisedById,
    ProblemStatus Status, int Level, int TopLevel);
