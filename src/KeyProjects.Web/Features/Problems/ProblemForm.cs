using KeyProjects.Domain.Common;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Web.Features.Problems;

/// <summary>The raise form as typed, so that a refused form comes back with what was typed.</summary>
public sealed class ProblemForm
{
    public string? ProjectCode { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Source { get; set; }
    public string? DepartmentOrgId { get; set; }

    public static ProblemForm From(IFormCollection f) => new()
    {
        ProjectCode = f["ProjectCode"],
        Title = f["Title"],
        Description = f["Description"],
        Category = f["Category"],
        Source = f["Source"],
        DepartmentOrgId = f["DepartmentOrgId"],
    };

    public (RaiseProblemRequest Request, List<DomainError> Errors) Read()
    {
        var errors = new List<DomainError>();
        int? department = null;
        if (!string.IsNullOrWhiteSpace(DepartmentOrgId))
        {
            if (int.TryParse(DepartmentOrgId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)) department = d;
            else errors.Add(new FieldInvalid("DepartmentOrgId", "Problem.Error.UnknownDepartment", DepartmentOrgId));
        }
        return (new RaiseProblemRequest
        {
            ProjectCode = ProjectCode,
            Title = Title,
            Description = Description,
            Category = Category,
            Source = string.IsNullOrWhiteSpace(Source) ? null : Source,
            DepartmentOrgId = department,
        }, errors);
    }
}

/// <summary>What the raise form offers: the project (when named) or the caller's projects, and the departments that can answer.</summary>
public sealed record RaiseChoices(Projects.IndexedProject? Project, IReadOnlyList<Projects.IndexedProject> Projects, IReadOnlyList<Projects.IndexedOrg> Departments,
    ProblemSource DefaultSource)
{
    /// <summary>The departments' owners by id, to group the choice (issue 13).</summary>
    public IReadOnlyDictionary<int, string> Owners { get; init; } = new Dictionary<int, string>();
}

/// <summary>A meeting a problem can be 交办 to.</summary>
public sealed record MeetingChoice(long Id, string Name, DateOnly Date, int Level);
