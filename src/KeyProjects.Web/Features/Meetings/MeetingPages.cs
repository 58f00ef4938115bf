using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// /meetings (series and meetings of an organisation), /meetings/{id} (agenda, minutes, 交办事项, Word record) and
/// /meetings/tasks (交办事项 across meetings). Forms post normally; a refused form comes back with its messages.
/// </summary>
public static class MeetingPages
{
    public static IEndpointRouteBuilder MapMeetingPages(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/meetings").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", ListAsync);
        g.MapPost("/series", CreateSeriesAsync);
        g.MapPost("/series/{id:int}/active", SeriesActiveAsync);
        g.MapPost("/series/{id:int}", UpdateSeriesAsync);
        g.MapPost("", CreateMeetingAsync);
        g.MapGet("/tasks", TasksAsync);
        g.MapPost("/tasks/{id:long}/{action}", ActAsync);
        g.MapGet("/{id:long}", ShowAsync);
        g.MapPost("/{id:long}/minutes", MinutesAsync);
        g.MapPost("/{id:long}/held", HeldAsync);
        g.MapPost("/{id:long}/tasks", CreateTaskAsync);
        g.MapGet("/{id:long}/document", DocumentAsync);
        g.MapGet("/{id:long}/document.pdf", DocumentPdfAsync);
        return app;
    }

    // ---- list and series

    private static async Task<IResult> ListAsync(HttpContext http, [FromQuery] int? org, [FromQuery] int? edit, MeetingService meetings, OrgService orgs, UiText t,
        CancellationToken ct) =>
        await ListPageAsync(http, org, meetings, orgs, t, ct, null, null, 200, edit);

    private static async Task<IResult> ListPageAsync(HttpContext http, int? org, MeetingService meetings, OrgService orgs, UiText t, CancellationToken ct,
        Dictionary<string, string[]>? errors, IFormCollection? posted, int status, int? edit = null, string? conflict = null)
    {
        var actor = http.UiActor();
        var list = await meetings.ListAsync(actor, org, ct);
        if (!list.Succeeded) return Pages.NotFoundPage(t);
        var s = await meetings.SnapshotAsync(ct);
        var nodes = (await orgs.SubtreeAsync(actor, ct)).Where(n => n.IsActive && Domain.Organisations.OrgTree.IsRegion(n.Kind) || n.Id == actor.OrgId).ToList();
        var orgId = org ?? actor.OrgId;
        var series = (await meetings.SeriesAsync(actor, null, ct)).Where(r => new Subtree(s.Orgs[orgId].Path).Holds(s.PathOf(r.OrgId))).ToList();
        var mayManage = await meetings.MayManageAtAsync(actor, orgId, ct);
        var model = new MeetingListModel
        {
            OrgId = orgId,
            OrgName = s.Orgs[orgId].Name,
            Orgs = nodes,
            Series = series,
            Meetings = list.Value,
            OrgNames = s.Orgs.ToDictionary(o => o.Key, o => o.Value.Name),
            MayManage = mayManage,
            Editing = mayManage ? series.FirstOrDefault(x => x.Id == edit) : null,
            Conflict = conflict,
            LadderTop = meetings.Ladder.Top,
            Errors = errors ?? [],
            Posted = posted,
            Today = meetings.Today,
        };
        return Pages.Render<MeetingListPage>(new { Model = model }, status);
    }

    /// <summary>停用 / 启用 a series: its fields stay; a stopped series schedules no further meetings.</summary>
    private static async Task<IResult> SeriesActiveAsync(HttpContext http, int id, IFormCollection f, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var series = await meetings.FindSeriesAsync(actor, id, ct);
        if (series is null) return Pages.NotFoundPage(t);
        var version = FormValues.Version(f) ?? -1;
        var draft = new SeriesDraft
        {
            Name = series.Name, Level = series.Level, Weekday = series.Weekday, Time = series.Time,
            MarginPoints = series.MarginPoints, DeepDiveCount = series.DeepDiveCount,
        };
        var result = await meetings.UpdateSeriesAsync(actor, id, version, draft, f["Active"] == "true", ct);
        if (result.Succeeded) return Results.Redirect($"/meetings?org={series.OrgId.ToString(CultureInfo.InvariantCulture)}&done=saved");
        if (result.Errors[0] is Forbidden fb) return Pages.ForbiddenPage(t, t.Describe(fb));
        return Pages.Render<Account.MessagePage>(new { Code = "409", Title = t.Get("Problem.Conflict"), Message = string.Join(" ", result.Errors.Select(t.Describe)) }, 409);
    }

    private static async Task<IResult> CreateSeriesAsync(HttpContext http, IFormCollection f, MeetingService meetings, OrgService orgs, UiText t, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var orgId = Int(f, "OrgId", errors) ?? 0;
        var draft = SeriesDraftOf(f, errors);
        var result = errors.Count > 0 ? Result<MeetingSeries>.Fail(errors) : await meetings.CreateSeriesAsync(http.UiActor(), orgId, draft, ct);
        if (result.Succeeded) return Results.Redirect($"/meetings?org={orgId.ToString(CultureInfo.InvariantCulture)}&done=saved");
        if (result.Errors[0] is Forbidden fb) return Pages.ForbiddenPage(t, t.Describe(fb));
        return await ListPageAsync(http, orgId > 0 ? orgId : null, meetings, orgs, t, ct, t.ByField(result.Errors), f, 422);
    }

    /// <summary>修改 a series from the list page: name, level, weekday and time, margin, deep dives; versioned like the API.</summary>
    private static async Task<IResult> UpdateSeriesAsync(HttpContext http, int id, IFormCollection f, MeetingService meetings, OrgService orgs, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var series = await meetings.FindSeriesAsync(actor, id, ct);
        if (series is null) return Pages.NotFoundPage(t);
        var errors = new List<DomainError>();
        var draft = SeriesDraftOf(f, errors);
        var version = FormValues.Version(f) ?? -1;
        var result = errors.Count > 0 ? Result<MeetingSeries>.Fail(errors) : await meetings.UpdateSeriesAsync(actor, id, version, draft, series.IsActive, ct);
        if (result.Succeeded) return Results.Redirect($"/meetings?org={series.OrgId.ToString(CultureInfo.InvariantCulture)}&done=saved");
        if (result.Errors[0] is Forbidden fb) return Pages.ForbiddenPage(t, t.Describe(fb));
        // Changed meanwhile: the form again with what is stored now, and what was typed is lost only after the user sees why.
        if (result.Errors[0] is ConcurrencyConflict)
            return await ListPageAsync(http, series.OrgId, meetings, orgs, t, ct, null, null, 409, id, t.Get("Meetings.SeriesChanged"));
        return await ListPageAsync(http, series.OrgId, meetings, orgs, t, ct, t.ByField(result.Errors), f, 422, id);
    }

    private static SeriesDraft SeriesDraftOf(IFormCollection f, List<DomainError> errors) => new()
    {
        Name = f["Name"].ToString(),
        Level = Int(f, "Level", errors) ?? 0,
        Weekday = Int(f, "Weekday", errors) ?? 0,
        Time = TimeOnly.TryParseExact(f["Time"].ToString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null,
        MarginPoints = Dec(f, "MarginPoints", errors) ?? MeetingRules.DefaultMarginPoints,
        DeepDiveCount = Int(f, "DeepDiveCount", errors) ?? MeetingRules.DefaultDeepDiveCount,
    };

    private static async Task<IResult> CreateMeetingAsync(HttpContext http, IFormCollection f, MeetingService meetings, OrgService orgs, UiText t, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var draft = new MeetingDraft
        {
            SeriesId = Int(f, "SeriesId", errors),
            OrgId = Int(f, "OrgId", errors),
            Title = f["Title"].ToString(),
            Date = Date(f, "Date", errors),
            Level = Int(f, "Level", errors),
        };
        var result = errors.Count > 0 ? Result<(Meeting, bool)>.Fail(errors) : await meetings.CreateAsync(http.UiActor(), draft, ct);
        if (result.Succeeded) return Results.Redirect($"/meetings/{result.Value.Item1.Id.ToString(CultureInfo.InvariantCulture)}?done=meeting-created");
        if (result.Errors[0] is Forbidden fb) return Pages.ForbiddenPage(t, t.Describe(fb));
        return await ListPageAsync(http, draft.OrgId, meetings, orgs, t, ct, t.ByField(result.Errors), f, 422);
    }

    // ---- one meeting

    private static async Task<IResult> ShowAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, OrgService orgs, UiText t, CancellationToken ct) =>
        await MeetingPageAsync(http, id, meetings, tasks, orgs, t, ct, null, null, null, 200);

    private static async Task<IResult> MeetingPageAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, OrgService orgs, UiText t,
        CancellationToken ct, Dictionary<string, string[]>? errors, ConcurrencyConflict? conflict, IFormCollection? posted, int status, TaskFailure? taskFailure = null)
    {
        var actor = http.UiActor();
        var found = await meetings.FindAsync(actor, id, ct);
        if (!found.Succeeded) return Pages.NotFoundPage(t);
        var agenda = await meetings.AgendaOfAsync(found.Value.Meeting, found.Value.Org, ct);
        var owners = (await orgs.SubtreeAsync(actor, ct))
            .Where(n => n.IsActive && new Subtree(found.Value.Org.Path).Holds(n.Path) && n.Kind is Domain.Organisations.OrgKind.Department or Domain.Organisations.OrgKind.ProjectUnit)
            .ToList();
        var model = new MeetingPageModel
        {
            Detail = found.Value,
            Agenda = agenda,
            Tasks = await tasks.ListAsync(actor, TaskFilter.All, id, ct),
            Owners = owners,
            Errors = errors ?? [],
            Conflict = conflict,
            Posted = posted,
            TaskFailure = taskFailure,
        };
        return Pages.Render<MeetingPage>(new { Model = model }, status);
    }

    private static string MeetingUrl(long id, string done) => $"/meetings/{id.ToString(CultureInfo.InvariantCulture)}?done={done}";

    private static async Task<IResult> MinutesAsync(HttpContext http, long id, IFormCollection f, MeetingService meetings, MeetingTaskService tasks, OrgService orgs, UiText t, CancellationToken ct)
    {
        var notes = f.Keys.Where(k => k.StartsWith("Note:", StringComparison.Ordinal))
            .ToDictionary(k => k["Note:".Length..], k => f[k].ToString(), StringComparer.Ordinal);
        var version = FormValues.Version(f) ?? -1;
        var result = await meetings.SaveMinutesAsync(http.UiActor(), id, version, f["Attendees"], f["Minutes"], notes, ct);
        return await AfterAsync(http, id, result.Succeeded ? null : result.Errors, "saved", meetings, tasks, orgs, t, ct, f);
    }

    private static async Task<IResult> HeldAsync(HttpContext http, long id, IFormCollection f, MeetingService meetings, MeetingTaskService tasks, OrgService orgs, UiText t, CancellationToken ct)
    {
        var version = FormValues.Version(f) ?? -1;
        var result = await meetings.MarkHeldAsync(http.UiActor(), id, version, ct);
        return await AfterAsync(http, id, result.Succeeded ? null : result.Errors, "held", meetings, tasks, orgs, t, ct, null);
    }

    private static async Task<IResult> CreateTaskAsync(HttpContext http, long id, IFormCollection f, MeetingService meetings, MeetingTaskService tasks, OrgService orgs, UiText t, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var draft = new TaskDraft
        {
            Title = f["TaskTitle"].ToString(),
            OwnerOrgId = Int(f, "OwnerOrgId", errors),
            OwnerName = f["OwnerName"].ToString(),
            Deadline = Date(f, "Deadline", errors),
            WorkingDays = Int(f, "WorkingDays", errors),
            ProjectCode = f["ProjectCode"].ToString(),
        };
        var result = errors.Count > 0 ? Result<MeetingTask>.Fail(errors) : await tasks.CreateAsync(http.UiActor(), id, draft, ct);
        return await AfterAsync(http, id, result.Succeeded ? null : result.Errors.Select(e => e.Field == "Title" ? e with { Field = "TaskTitle" } : e).ToList(),
            "task-created", meetings, tasks, orgs, t, ct, f);
    }

    private static async Task<IResult> AfterAsync(HttpContext http, long id, IReadOnlyList<DomainError>? errors, string done, MeetingService meetings,
        MeetingTaskService tasks, OrgService orgs, UiText t, CancellationToken ct, IFormCollection? posted)
    {
        if (errors is null) return Results.Redirect(MeetingUrl(id, done));
        if (errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (errors[0] is Forbidden fb) return Pages.ForbiddenPage(t, t.Describe(fb));
        var conflict = errors[0] as ConcurrencyConflict;
        var byField = conflict is null ? t.ByField(errors) : [];
        return await MeetingPageAsync(http, id, meetings, tasks, orgs, t, ct, byField, conflict, posted, conflict is null ? 422 : 409);
    }

    private static async Task<IResult> DocumentAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, UiText t, CancellationToken ct) =>
        await MeetingsApi.DocumentResultAsync(http.UiActor(), id, meetings, tasks, t, ct) ?? Pages.NotFoundPage(t);

    private static Task<IResult> DocumentPdfAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, UiText t, PdfConverter pdf,
        CancellationToken ct) =>
        pdf.PageAsync(() => DocumentAsync(http, id, meetings, tasks, t, ct), t, ct);

    // ---- tasks

    private static async Task<IResult> TasksAsync(HttpContext http, [FromQuery] string? filter, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        MeetingsApi.TryFilter(filter, out var f);
        var list = await tasks.ListAsync(http.UiActor(), f, null, ct);
        return Pages.Render<TaskListPage>(new { Model = list, Filter = f });
    }

    private static async Task<IResult> ActAsync(HttpContext http, long id, string action, IFormCollection f, MeetingService meetings, MeetingTaskService tasks,
        OrgService orgs, UiText t, CancellationToken ct)
    {
        if (MeetingsApi.ActionOf(action) is not { } a) return Pages.NotFoundPage(t);
        var version = FormValues.Version(f) ?? -1;
        var result = await tasks.ActAsync(http.UiActor(), id, version, a, f["Note"], ct);
        // The page the action came from: a meeting's (its id) or the task list (its filter).
        long? meetingId = long.TryParse(f["MeetingId"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        MeetingsApi.TryFilter(f["Filter"], out var filter);
        if (result.Succeeded)
            return Results.Redirect(meetingId is { } saved ? $"/meetings/{saved.ToString(CultureInfo.InvariantCulture)}?done=saved" : $"/meetings/tasks?filter={filter}&done=saved");
        if (result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        // Refused: that page again, with the message in the task's row.
        var status = result.Errors[0] is ConcurrencyConflict ? 409 : result.Errors[0] is Forbidden ? 403 : 422;
        var failure = new TaskFailure(id, string.Join(" ", result.Errors.Select(e => e is ConcurrencyConflict ? t.Get("Meetings.Task.Changed") : t.Describe(e))));
        if (meetingId is { } meeting)
            return await MeetingPageAsync(http, meeting, meetings, tasks, orgs, t, ct, null, null, null, status, failure);
        return Pages.Render<TaskListPage>(new { Model = await tasks.ListAsync(http.UiActor(), filter, null, ct), Filter = filter, Failure = failure }, status);
    }

    // ---- form reading

    private static int? Int(IFormCollection f, string field, List<DomainError> errors)
    {
        var text = f[field].ToString().Trim();
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        errors.Add(new FieldInvalid(field, "Error.NotANumber"));
        return null;
    }

    private static decimal? Dec(IFormCollection f, string field, List<DomainError> errors)
    {
        if (FormValues.TryAmount(f[field], out var v)) return v;
        errors.Add(new FieldInvalid(field, "Error.NotANumber"));
        return null;
    }

    private static DateOnly? Date(IFormCollection f, string field, List<DomainError> errors)
    {
        var text = f[field].ToString().Trim();
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(new FieldInvalid(field, "Error.NotADate"));
        return null;
    }
}

public sealed class MeetingListModel
{
    public required int OrgId { get; init; }
    public required string OrgName { get; init; }
    public required IReadOnlyList<OrgNode> Orgs { get; init; }
    public required IReadOnlyList<MeetingSeries> Series { get; init; }
    public required IReadOnlyList<Meeting> Meetings { get; init; }
    public required IReadOnlyDictionary<int, string> OrgNames { get; init; }
    public required bool MayManage { get; init; }
    public required int LadderTop { get; init; }
    public required DateOnly Today { get; init; }
    public Dictionary<string, string[]> Errors { get; init; } = [];
    public IFormCollection? Posted { get; init; }
    /// <summary>The series being changed (修改), whose values fill the series form; null: the form adds one.</summary>
    public MeetingSeries? Editing { get; init; }
    /// <summary>Why the form shows the stored values again (someone else changed the series meanwhile).</summary>
    public string? Conflict { get; init; }

    public string? Value(string field, string? fallback = null) => Posted is { } p && p.ContainsKey(field) ? p[field].ToString() : fallback;

    /// <summary>A field of the series form: as posted, else the series being changed, else the default.</summary>
    public string? SeriesValue(string field, string? fallback = null) => Value(field, Editing is not { } e ? fallback : field switch
    {
        "Name" => e.Name,
        "Level" => e.Level.ToString(CultureInfo.InvariantCulture),
        "Weekday" => e.Weekday.ToString(CultureInfo.InvariantCulture),
        "Time" => e.Time?.ToString("HH:mm", CultureInfo.InvariantCulture),
        "MarginPoints" => e.MarginPoints.ToString("0.#", CultureInfo.InvariantCulture),
        "DeepDiveCount" => e.DeepDiveCount.ToString(CultureInfo.InvariantCulture),
        _ => fallback,
    });
}

public sealed class MeetingPageModel
{
    public required MeetingDetail Detail { get; init; }
    public required MeetingAgenda Agenda { get; init; }
    public required TaskList Tasks { get; init; }
    public required IReadOnlyList<OrgNode> Owners { get; init; }
    public Dictionary<string, string[]> Errors { get; init; } = [];
    public ConcurrencyConflict? Conflict { get; init; }
    public IFormCollection? Posted { get; init; }
    public TaskFailure? TaskFailure { get; init; }

    public Meeting Meeting => Detail.Meeting;
    public string Url => "/meetings/" + Meeting.Id.ToString(CultureInfo.InvariantCulture);

    public string? Value(string field, string? fallback = null) => Posted is { } p && p.ContainsKey(field) ? p[field].ToString() : fallback;

    public string Note(string key) => Value("Note:" + key, Detail.ItemNotes.GetValueOrDefault(key)) ?? "";
}

/// <summary>An action on a task that was refused, shown in the task's row of the page it came from.</summary>
public sealed record TaskFailure(long TaskId, string Message);
