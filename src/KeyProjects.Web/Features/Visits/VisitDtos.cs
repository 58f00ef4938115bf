using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Features.Visits;

/// <summary>What a visit form or an API call asks to record. Missing values are checked by the service, not here.</summary>
/// <summary>A visit to record; the problems it raises go to the ledger with the category and department the leader chose (issue 13).</summary>
public sealed record VisitInput(string? ProjectCode, DateOnly? Date, string? LeaderName, VisitType? Type, string? Findings, IReadOnlyList<string>? Problems,
    string? ProblemCategory = null, int? ProblemDepartmentOrgId = null);

/// <summary>A recorded visit with its project and photos, as lists and the API show it.</summary>
public sealed record VisitView(long Id, string ProjectCode, string ProjectName, string OrgName, DateOnly Date, string LeaderName, VisitType Type,
    string Findings, IReadOnlyList<string> Problems, string RecordedByName, DateTime CreatedAtUtc, IReadOnlyList<PhotoInfo> Photos);

/// <summary>A month of visits in an organisation's subtree, optionally of one project or one leader.</summary>
public sealed record VisitMonth(int OrgId, string OrgName, Period Month, string? ProjectCode, string? LeaderName, IReadOnlyList<VisitView> Visits);

/// <summary>A project a visit may be recorded for, with its leaders.</summary>
public sealed record VisitableProject(string Code, string Name, string OrgName, IReadOnlyList<string> Leaders);

/// <summary>What the visit form offers: the projects, and the caller's own leader name when they are a leader.</summary>
public sealed record VisitFormData(IReadOnlyList<VisitableProject> Projects, string? OwnLeaderName, string? SelectedCode, DateOnly Today, int BackfillDays)
{
    /// <summary>The departments the visit's problems may go to (the caller's county first, then the city's), with their owners' names.</summary>
    public IReadOnlyList<IndexedOrg> Departments { get; init; } = [];
    public IReadOnlyDictionary<int, string> Owners { get; init; } = new Dictionary<int, string>();
}

/// <summary>An organisation's compliance in a month, with what the table needs to name its projects.</summary>
public sealed record ComplianceReport(int OrgId, string OrgName, Period Month, DateOnly Today, OrgCompliance Result, IReadOnlyDictionary<int, IndexedProject> Projects,
    IReadOnlyDictionary<int, string> OrgNames)
{
    public IndexedProject Project(int id) => Projects[id];

    public string OrgNameOf(int projectId) => OrgNames.TryGetValue(Projects[projectId].OrgId, out var n) ? n : "";
}

// API shapes
/// <summary>A visit by JSON; <c>problemCategory</c> and <c>problemDepartmentOrgId</c> go with the problems it raises (as on the form).</summary>
public sealed record VisitRequest(string? ProjectCode, string? Date, string? LeaderName, VisitType? Type, string? Findings, IReadOnlyList<string>? Problems,
    string? ProblemCategory = null, int? ProblemDepartmentOrgId = null);

public sealed record VisitDto(long Id, string ProjectCode, string ProjectName, DateOnly Date, string LeaderName, VisitType Type, string Findings,
    IReadOnlyList<string> Problems, string RecordedByName, DateTime CreatedAtUtc, IReadOnlyList<PhotoDto> Photos)
{
    public static VisitDto From(VisitView v) => new(v.Id, v.ProjectCode, v.ProjectName, v.Date, v.LeaderName, v.Type, v.Findings, v.Problems,
        v.RecordedByName, v.CreatedAtUtc, v.Photos.Select(PhotoDto.From).ToList());
}

public sealed record ProjectCoverageDto(string ProjectCode, string ProjectName, int Required, int Visits, int Shortfall);

public sealed record LeaderComplianceDto(string LeaderName, ComplianceStatus Status, int ProjectsHeld, int ProjectsCovered, int Visits, int Shortfall,
    IReadOnlyList<ProjectCoverageDto> Projects);

public sealed record ComplianceDto(int OrgId, string OrgName, string Month, bool MonthOver, int LeadersCompliant, int LeadersTotal, int ProjectsHeld,
    int ProjectsCovered, int Visits, int Shortfall, decimal? CoverageRate, decimal? ComplianceRate, IReadOnlyList<LeaderComplianceDto> Leaders)
{
    public static ComplianceDto From(ComplianceReport r)
    {
        var c = r.Result;
        return new ComplianceDto(r.OrgId, r.OrgName, r.Month.ToString(), c.MonthOver, c.LeadersCompliant, c.LeadersTotal, c.ProjectsHeld, c.ProjectsCovered,
            c.Visits, c.Shortfall, c.CoverageRate?.Printed, c.ComplianceRate?.Printed,
            c.Leaders.Select(l => new LeaderComplianceDto(l.LeaderName, l.Status, l.ProjectsHeld, l.ProjectsCovered, l.Visits, l.Shortfall,
                l.Projects.Select(p => new ProjectCoverageDto(r.Project(p.ProjectId).Code, r.Project(p.ProjectId).Name, p.Required, p.Visits, p.Shortfall)).ToList())).ToList());
    }
}
