using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace KeyProjects.Web.Features.Visits;

/// <summary>
/// A visit as a form or a multipart API body: project, date, leader, type, findings, problems (one per line, or the
/// field repeated), photos and the browser's thumbnails. A body over the photo limits is refused before it is read.
/// </summary>
public sealed record VisitUpload(IFormCollection? Form, IReadOnlyList<IFormFile> Photos, IReadOnlyList<IFormFile> Thumbnails, bool TooLarge)
{
    public static async Task<VisitUpload> ReadAsync(HttpContext http, PhotoOptions limits, IAntiforgery? antiforgery)
    {
        var form = await Uploads.ReadFormAsync(http, limits.MaxRequestBytes, antiforgery, http.RequestAborted);
        if (form is null) return new VisitUpload(null, [], [], true);
        var (photos, thumbs) = PhotoForm.FilesOf(form);
        return new VisitUpload(form, photos, thumbs, false);
    }

    public string Value(string name) => Form?[name].ToString() ?? "";

    /// <summary>The input, or the field errors of values that are not even of the right form (a date, a type).</summary>
    public (VisitInput Input, List<DomainError> Errors) Input() =>
        Parse(Value("projectCode"), Value("date"), Value("leaderName"), Value("type"), Value("findings"), Form?["problems"].ToArray() ?? [],
            Value("problemCategory"), Value("problemDepartmentOrgId"));

    public static (VisitInput Input, List<DomainError> Errors) Parse(string? project, string? date, string? leader, string? type, string? findings, IReadOnlyList<string?> problems,
        string? problemCategory = null, string? problemDepartment = null)
    {
        var errors = new List<DomainError>();
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) day = d;
            else errors.Add(new FieldInvalid("Date", "Error.Visit.DateInvalid"));
        }
        VisitType? kind = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (Enum.TryParse<VisitType>(type.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(type, out _)) kind = k;
            else errors.Add(new FieldInvalid("Type", "Error.ValueUnknown"));
        }
        int? department = null;
        if (!string.IsNullOrWhiteSpace(problemDepartment))
        {
            if (int.TryParse(problemDepartment, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) department = id;
            else errors.Add(new FieldInvalid("ProblemDepartmentOrgId", "Error.ValueUnknown"));
        }
        return (new VisitInput(project, day, leader, kind, findings, VisitRules.ProblemLines(problems),
            string.IsNullOrWhiteSpace(problemCategory) ? null : problemCategory.Trim(), department), errors);
    }

    public List<PhotoInput> Inputs() => PhotoForm.InputsOf(Photos, Thumbnails);
}
