using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Problems;

/// <summary>/api/v1/problems: the problem ledger for other systems and phone apps. Same service and rules as the pages.</summary>
public static class ProblemsApi
{
    public static IEndpointRouteBuilder MapProblemsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/problems").RequireAuthorization().WithTags("Problems");
        g.MapPost("", RaiseAsync).WithSummary("Raise a problem: projectCode, title (≤150), description, category, source, departmentOrgId, cooperatingOrgIds; raisedAt for imported history");
        g.MapGet("", ListAsync).WithSummary("Problems of a subtree: org, status, overdue=true, open=true, level, category, department, project, meeting, from, to, skip, take");
        g.MapGet("/stats", StatsAsync).WithSummary("Raised, solved, 解决率, overdue, average working days to solve, by category, department and level, for org and from..to");
        g.MapGet("/{id:long}", GetAsync).WithSummary("A problem with its history");
        g.MapPost("/{id:long}/assign", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.AssignAsync(Api(h), id, v, b.DepartmentOrgId, b.CooperatingOrgIds, b.Text, ct)))
            .WithSummary("Assign to a responsible department (departmentOrgId, cooperatingOrgIds): back to 待受理 with a fresh deadline; send the version read (body or If-Match)");
        g.MapPost("/{id:long}/accept", (HttpContext h, long id, ProblemActionRequest? b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.AcceptAsync(Api(h), id, v, ct))).WithSummary("受理: the responsible department takes it up; send the version read (body or If-Match)");
        g.MapPost("/{id:long}/answer", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.AnswerAsync(Api(h), id, v, b.Text, ct))).WithSummary("The department's answer (text): 已办结待核实; send the version read (body or If-Match)");
        g.MapPost("/{id:long}/send-back", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.SendBackAsync(Api(h), id, v, b.Text, ct))).WithSummary("退回: not this department's business (text: the reason); send the version read (body or If-Match)");
        g.MapPost("/{id:long}/verify", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.VerifyAsync(Api(h), id, v, b.Accept ?? true, b.Satisfaction, b.Text, ct)))
            .WithSummary("核实: accept (default) closes it (销号) with satisfaction 1–5; accept=false returns it to 办理中 with text as the reason; send the version read (body or If-Match)");
        g.MapPost("/{id:long}/reopen", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.ReopenAsync(Api(h), id, v, b.Text, ct))).WithSummary("Reopen a closed problem (text: the reason); send the version read (body or If-Match)");
        g.MapPost("/{id:long}/escalate", (HttpContext h, long id, ProblemActionRequest b, ProblemService s, UiText t, CancellationToken ct) =>
            Act(h, t, b, v => s.EscalateAsync(Api(h), id, v, b.Level, b.MeetingId, b.Text, ct)))
            .WithSummary("Escalate by hand (level, default the next; text: the reason), or 交办 to a meeting (meetingId); send the version read (body or If-Match)");
        g.MapPost("/{id:long}/attachments", AttachAsync).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Attach photos (multipart: photos, repeat; thumbnails optional, same order)");
        g.MapPost("/escalation-sweep", SweepAsync).WithSummary("Run the escalation sweep now (administrators). Idempotent; 409 while another server runs it");
        return app;
    }

    private static Actor Api(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Results<Ok<ProblemDto>, ChangeProblem>> Act(HttpContext http, UiText t, ProblemActionRequest? body,
        Func<int, Task<Domain.Common.Result<ProblemDetail>>> action)
    {
        var version = ETags.Read(http, body?.Version);
        if (version.IsMissing) return t.VersionRequired();
        var result = await action(version.Value);
        if (!result.Succeeded) return t.ChangeProblem(result.Errors, version);
        ETags.Set(http, result.Value.Row.Version);
        return TypedResults.Ok(ProblemDto.From(result.Value));
    }

    private static async Task<Results<Created<ProblemDto>, WriteProblem>> RaiseAsync(HttpContext http, RaiseProblemRequest body, ProblemService problems, UiText t, CancellationToken ct)
    {
        var result = await problems.RaiseAsync(Api(http), body, ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        ETags.Set(http, result.Value.Row.Version);
        return TypedResults.Created($"/api/v1/problems/{result.Value.Row.Id.ToString(CultureInfo.InvariantCulture)}", ProblemDto.From(result.Value));
    }

    private static async Task<Results<Ok<ProblemDto>, ReadProblem>> GetAsync(HttpContext http, long id, ProblemService problems, UiText t, CancellationToken ct)
    {
        var result = await problems.DetailAsync(Api(http), id, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        ETags.Set(http, result.Value.Row.Version);
        return TypedResults.Ok(ProblemDto.From(result.Value));
    }

    private static async Task<Results<Ok<ProblemListDto>, ReadProblem>> ListAsync(HttpContext http, ProblemService problems, UiText t, CancellationToken ct)
    {
        var (query, invalid) = ProblemQueryReader.Read(http.Request.Query);
        if (invalid.Count > 0) return t.InvalidValues(invalid);
        var result = await problems.ListAsync(Api(http), query, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        var page = result.Value;
        return TypedResults.Ok(new ProblemListDto(page.Total, page.OverdueTotal, Display.Date(page.Today), page.Rows.Select(ProblemRowDto.From).ToList()));
    }

    private static async Task<Results<Ok<ProblemStatsDto>, ReadProblem>> StatsAsync(HttpContext http, [FromQuery] string? org, [FromQuery] string? from, [FromQuery] string? to,
        ProblemService problems, UiText t, CancellationToken ct)
    {
        var invalid = new List<string>();
        int? orgId = QueryValues.Int(org, "org", invalid);
        var start = QueryValues.Date(from, "from", invalid);
        var end = QueryValues.Date(to, "to", invalid);
        if (invalid.Count > 0) return t.InvalidValues(invalid);
        var result = await problems.StatsAsync(Api(http), orgId, start, end, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        return TypedResults.Ok(ProblemStatsDto.From(result.Value));
    }

    /// <summary>Adds photos (a creation: no version); the answer is the problem with them, read after the photos are stored.</summary>
    private static async Task<Results<Ok<ProblemDto>, TooLargeProblem, WriteProblem>> AttachAsync(HttpContext http, long id, ProblemService problems, UiText t, CancellationToken ct)
    {
        var upload = await PhotoForm.ReadAsync(http, problems.PhotoLimits, antiforgery: null);
        if (upload.TooLarge) return Photos.PhotoEndpoints.TooLarge(t, problems.PhotoLimits);
        var attached = await problems.AttachAsync(Api(http), id, upload.Inputs(), ct);
        if (!attached.Succeeded) return t.WriteProblem(attached.Errors);
        var result = await problems.DetailAsync(Api(http), id, ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        ETags.Set(http, result.Value.Row.Version);
        return TypedResults.Ok(ProblemDto.From(result.Value));
    }

    private static async Task<Results<Ok<SweepResult>, WriteProblem>> SweepAsync(HttpContext http, EscalationSweep sweep, UiText t, CancellationToken ct)
    {
        var result = await sweep.RunByHandAsync(Api(http), ct);
        if (!result.Succeeded) return t.WriteProblem(result.Errors);
        if (!result.Value.Ran) return t.Conflict("Problem.Error.SweepRunning");
        return TypedResults.Ok(result.Value);
    }
}

/// <summary>The list's query string, for the API and the page alike.</summary>
public static class ProblemQueryReader
{
    public static (ProblemQuery Query, List<string> Invalid) Read(IQueryCollection q)
    {
        var invalid = new List<string>();
        var status = QueryValues.Enum<ProblemStatus>(q["status"], "status", invalid);
        var category = QueryValues.Enum<ProblemCategory>(q["category"], "category", invalid);
        var query = new ProblemQuery
        {
            Org = QueryValues.Int(q["org"], "org", invalid),
            Status = status,
            Open = QueryValues.Bool(q["open"], "open", invalid),
            Overdue = QueryValues.Bool(q["overdue"], "overdue", invalid),
            Level = QueryValues.Int(q["level"], "level", invalid),
            Category = category,
            Department = QueryValues.Int(q["department"], "department", invalid),
            Project = q["project"].ToString() is { Length: > 0 } p ? p : null,
            Meeting = QueryValues.Int(q["meeting"], "meeting", invalid),
            From = QueryValues.Date(q["from"], "from", invalid),
            To = QueryValues.Date(q["to"], "to", invalid),
            Solved = QueryValues.Bool(q["solved"], "solved", invalid),
            Skip = QueryValues.Int(q["skip"], "skip", invalid) ?? 0,
            Take = QueryValues.Int(q["take"], "take", invalid) ?? ProblemService.DefaultPageSize,
        };
        return (query, invalid);
    }
}

public sealed record ProblemRowDto(long Id, string ProjectCode, string ProjectName, int OrgId, string OrgName, string Title, ProblemCategory Category,
    ProblemSource Source, ProblemStatus Status, int Level, string RaisedOn, string DueOn, string Deadline, bool Overdue, int? DepartmentOrgId, string? DepartmentName,
    long? MeetingId, int Version, bool ProjectVisible)
{
    /// <summary><see cref="ProjectVisible"/>: whether GET /api/v1/projects/{code} answers this caller (a department above the county sees the project only on the problem).</summary>
    public static ProblemRowDto From(ProblemRow r) => new(r.Id, r.ProjectCode, r.ProjectName, r.OrgId, r.OrgName, r.Title, r.Category, r.Source, r.Status,
        r.Level, Display.Date(r.RaisedOn), Display.Date(r.DueOn), Display.Date(r.Deadline), r.Overdue, r.DepartmentOrgId, r.DepartmentName, r.MeetingId, r.Version,
        r.ProjectVisible);
}

public sealed record ProblemListDto(int Total, int OverdueTotal, string Today, IReadOnlyList<ProblemRowDto> Items);

public sealed record ProblemStepDto(ProblemAction Action, ProblemStatus FromStatus, ProblemStatus ToStatus, int FromLevel, int ToLevel, string Deadline,
    string? DepartmentName, long? MeetingId, string? Note, string ActorName, DateTime AtUtc);

public sealed record ProblemDto(ProblemRowDto Problem, string? Description, string RaisedByName, DateTime RaisedAtUtc, IReadOnlyList<int> CooperatingOrgIds,
    string? Answer, string? AnsweredByName, DateTime? AnsweredAtUtc, string? ClosedOn, string? VerifiedByName, int? Satisfaction, int LadderTop,
    IReadOnlyList<ProblemStepDto> History, IReadOnlyList<string> Attachments)
{
    public static ProblemDto From(ProblemDetail d) => new(ProblemRowDto.From(d.Row), d.Description, d.RaisedByName, d.RaisedAtUtc,
        d.Cooperating.Select(c => c.Id).ToList(), d.Answer, d.AnsweredByName, d.AnsweredAtUtc, d.ClosedOn is { } c ? Display.Date(c) : null,
        d.VerifiedByName, d.Satisfaction, d.LadderTop,
        d.Steps.Select(s => new ProblemStepDto(s.Action, s.FromStatus, s.ToStatus, s.FromLevel, s.ToLevel, Display.Date(s.Deadline), s.DepartmentName,
            s.MeetingId, s.Note, s.ActorName, s.AtUtc)).ToList(),
        d.Attachments.Select(a => a.ApiUrl).ToList());
}

public sealed record ProblemCountsDto(int Raised, int Solved, int Open, int Overdue, decimal? SolvedRate, decimal? AverageWorkingDays, decimal? SatisfiedRate)
{
    public static ProblemCountsDto From(ProblemCounts c) =>
        new(c.Raised, c.Solved, c.Open, c.Overdue, c.SolvedRate?.Printed, c.AverageWorkingDays, c.SatisfiedRate?.Printed);
}

public sealed record ProblemStatsDto(int OrgId, string OrgName, string FromDate, string ToDate, string AsOf, ProblemCountsDto Total,
    IReadOnlyDictionary<string, ProblemCountsDto> ByCategory, IReadOnlyList<DepartmentCountsDto> ByDepartment, IReadOnlyDictionary<string, ProblemCountsDto> ByLevel)
{
    public static ProblemStatsDto From(ProblemStatsView v) => new(v.OrgId, v.OrgName, Display.Date(v.From), Display.Date(v.To), Display.Date(v.AsOf),
        ProblemCountsDto.From(v.Stats.Total),
        v.Stats.ByCategory.ToDictionary(k => k.Key.ToString(), k => ProblemCountsDto.From(k.Value)),
        v.Stats.ByDepartment.Select(k => new DepartmentCountsDto(k.Key == ProblemStatistics.Unassigned ? null : k.Key,
            v.DepartmentNames.GetValueOrDefault(k.Key), ProblemCountsDto.From(k.Value))).ToList(),
        v.Stats.ByLevel.ToDictionary(k => k.Key.ToString(CultureInfo.InvariantCulture), k => ProblemCountsDto.From(k.Value)));
}

public sealed record DepartmentCountsDto(int? DepartmentOrgId, string? Name, ProblemCountsDto Counts);
