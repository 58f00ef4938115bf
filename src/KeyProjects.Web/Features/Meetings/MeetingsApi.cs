using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>/api/v1/meetings, /meeting-series and /meeting-tasks: the same services and rules as the pages.</summary>
public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Meetings");
        g.MapGet("/meeting-series", SeriesListAsync).WithSummary("Dispatch meeting series (周例会) of the caller's subtree, or of ?org=");
        g.MapPost("/meeting-series", CreateSeriesAsync).WithSummary("A recurring meeting: orgId, name, level (escalation ladder), weekday 1–7, marginPoints, deepDiveCount 1–2");
        g.MapPut("/meeting-series/{id:int}", UpdateSeriesAsync).WithSummary("Change a series (same fields as creating it, plus isActive: false stops it); send the version read");
        g.MapGet("/meetings", ListAsync).WithSummary("Meetings of ?org= (the caller's by default), latest first; each series' next meeting is created on the way");
        g.MapPost("/meetings", CreateAsync).WithSummary("seriesId (its next meeting, or the one on date) or an ad hoc meeting: orgId, title, date, level");
        g.MapGet("/meetings/{id:long}", GetAsync).WithSummary("A meeting with its minutes");
        g.MapGet("/meetings/{id:long}/agenda", AgendaAsync).WithSummary("The agenda: live until the meeting is held, then frozen");
        g.MapPut("/meetings/{id:long}/minutes", MinutesAsync).WithSummary("Attendees, minutes and minutes per agenda item; send the version read");
        g.MapPost("/meetings/{id:long}/held", HeldAsync).WithSummary("Mark held: freezes the agenda; send the version read");
        g.MapGet("/meetings/{id:long}/document", DocumentAsync).WithSummary("The meeting record as a Word document (.docx)")
            .Produces(StatusCodes.Status200OK, contentType: MeetingDocument.ContentType);
        g.MapGet("/meetings/{id:long}/document.pdf", DocumentPdfAsync).WithSummary("The meeting record as PDF; 503 where LibreOffice is not installed")
            .Produces(StatusCodes.Status200OK, contentType: PdfConverter.ContentType);
        g.MapGet("/meetings/{id:long}/tasks", MeetingTasksAsync).WithSummary("The meeting's 交办事项");
        g.MapPost("/meetings/{id:long}/tasks", CreateTaskAsync).WithSummary("A 交办事项: title ≤150, ownerOrgId, ownerName, deadline or workingDays, optional projectCode");
        g.MapGet("/meeting-tasks", TasksAsync).WithSummary("交办事项 the caller sees; ?filter=All|Open|Overdue|Mine");
        g.MapPost("/meeting-tasks/{id:long}/{action}", ActAsync).WithSummary("report (the owner, with note), verify, reject or reopen (with note); send the version read");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Ok<List<SeriesDto>>> SeriesListAsync(HttpContext http, int? org, MeetingService meetings, CancellationToken ct) =>
        TypedResults.Ok((await meetings.SeriesAsync(ApiActor(http), org, ct)).Select(SeriesDto.From).ToList());

    private static async Task<Results<Ok<SeriesDto>, ChangeProblem>> UpdateSeriesAsync(HttpContext http, int id, SeriesInput input, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, input.Version);
        if (version.IsMissing) return t.VersionRequired();
        var updated = await meetings.UpdateSeriesAsync(ApiActor(http), id, version.Value, input.ToDraft(), input.IsActive ?? true, ct);
        if (!updated.Succeeded) return t.ChangeProblem(updated.Errors, version);
        ETags.Set(http, updated.Value.Version);
        return TypedResults.Ok(SeriesDto.From(updated.Value));
    }

    private static async Task<Results<Created<SeriesDto>, WriteProblem>> CreateSeriesAsync(HttpContext http, SeriesInput input, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var created = await meetings.CreateSeriesAsync(ApiActor(http), input.OrgId ?? 0, input.ToDraft(), ct);
        if (!created.Succeeded) return t.WriteProblem(created.Errors);
        ETags.Set(http, created.Value.Version);
        return TypedResults.Created($"/api/v1/meeting-series/{created.Value.Id.ToString(CultureInfo.InvariantCulture)}", SeriesDto.From(created.Value));
    }

    private static async Task<Results<Ok<List<MeetingDto>>, ReadProblem>> ListAsync(HttpContext http, int? org, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var list = await meetings.ListAsync(ApiActor(http), org, ct);
        if (!list.Succeeded) return t.ReadProblem(list.Errors);
        return TypedResults.Ok(list.Value.Select(MeetingDto.From).ToList());
    }

    /// <summary>A series' next meeting may exist already: then it is answered with 200 rather than created.</summary>
    private static async Task<Results<Created<MeetingDto>, Ok<MeetingDto>, WriteProblem>> CreateAsync(HttpContext http, MeetingInput input, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var created = await meetings.CreateAsync(ApiActor(http), input.ToDraft(), ct);
        if (!created.Succeeded) return t.WriteProblem(created.Errors);
        var (meeting, isNew) = created.Value;
        var dto = MeetingDto.From(meeting);
        ETags.Set(http, meeting.Version);
        return isNew ? TypedResults.Created($"/api/v1/meetings/{meeting.Id.ToString(CultureInfo.InvariantCulture)}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<MeetingDto>, ReadProblem>> GetAsync(HttpContext http, long id, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var found = await meetings.FindAsync(ApiActor(http), id, ct);
        if (!found.Succeeded) return t.ReadProblem(found.Errors);
        ETags.Set(http, found.Value.Meeting.Version);
        return TypedResults.Ok(MeetingDto.From(found.Value.Meeting));
    }

    private static async Task<Results<Ok<MeetingAgenda>, ReadProblem>> AgendaAsync(HttpContext http, long id, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var agenda = await meetings.AgendaAsync(ApiActor(http), id, ct);
        if (!agenda.Succeeded) return t.ReadProblem(agenda.Errors);
        return TypedResults.Ok(agenda.Value);
    }

    private static async Task<Results<Ok<MeetingDto>, ChangeProblem>> MinutesAsync(HttpContext http, long id, MinutesInput input, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, input.Version);
        if (version.IsMissing) return t.VersionRequired();
        var saved = await meetings.SaveMinutesAsync(ApiActor(http), id, version.Value, input.Attendees, input.Minutes, input.ItemNotes, ct);
        if (!saved.Succeeded) return t.ChangeProblem(saved.Errors, version);
        ETags.Set(http, saved.Value.Version);
        return TypedResults.Ok(MeetingDto.From(saved.Value));
    }

    private static async Task<Results<Ok<MeetingDto>, ChangeProblem>> HeldAsync(HttpContext http, long id, VersionInput input, MeetingService meetings, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, input.Version);
        if (version.IsMissing) return t.VersionRequired();
        var saved = await meetings.MarkHeldAsync(ApiActor(http), id, version.Value, ct);
        if (!saved.Succeeded) return t.ChangeProblem(saved.Errors, version);
        ETags.Set(http, saved.Value.Version);
        return TypedResults.Ok(MeetingDto.From(saved.Value));
    }

    private static async Task<Results<FileContentHttpResult, ReadProblem>> DocumentAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, UiText t, CancellationToken ct) =>
        await DocumentResultAsync(ApiActor(http), id, meetings, tasks, t, ct) is { } file
            ? file
            : t.ReadProblem([new Domain.Common.NotFound(MeetingService.MeetingAudit, id.ToString(CultureInfo.InvariantCulture))]);

    private static Task<Results<FileContentHttpResult, ReadProblem, PdfProblem>> DocumentPdfAsync(HttpContext http, long id, MeetingService meetings,
        MeetingTaskService tasks, UiText t, PdfConverter pdf, CancellationToken ct) =>
        pdf.ApiAsync(() => DocumentAsync(http, id, meetings, tasks, t, ct), t, ct);

    /// <summary>The .docx of a meeting, or null when the caller cannot see it.</summary>
    internal static async Task<FileContentHttpResult?> DocumentResultAsync(Actor actor, long id, MeetingService meetings, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        var found = await meetings.FindAsync(actor, id, ct);
        if (!found.Succeeded) return null;
        var agenda = await meetings.AgendaOfAsync(found.Value.Meeting, found.Value.Org, ct);
        var list = await tasks.ListAsync(actor, TaskFilter.All, id, ct);
        var bytes = MeetingDocument.Write(found.Value, agenda, list, t);
        var name = $"{found.Value.Meeting.Title}.docx".Replace('/', '-');
        return TypedResults.File(bytes, MeetingDocument.ContentType, name);
    }

    private static async Task<Results<Ok<TaskListDto>, ReadProblem>> MeetingTasksAsync(HttpContext http, long id, MeetingService meetings, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var found = await meetings.FindAsync(actor, id, ct);
        if (!found.Succeeded) return t.ReadProblem(found.Errors);
        return TypedResults.Ok(ListDto(await tasks.ListAsync(actor, TaskFilter.All, id, ct)));
    }

    private static TaskListDto ListDto(TaskList l) => new(l.Lines.Select(TaskDto.From).ToList(), l.Total, l.Open, l.Overdue, l.Reported, l.Closed);

    /// <summary>The new task as the meeting's list shows it (its owner's name, overdue as of today), read back after the write.</summary>
    private static async Task<Results<Created<TaskDto>, WriteProblem>> CreateTaskAsync(HttpContext http, long id, TaskInput input, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var created = await tasks.CreateAsync(actor, id, input.ToDraft(), ct);
        if (!created.Succeeded) return t.WriteProblem(created.Errors);
        var line = (await tasks.ListAsync(actor, TaskFilter.All, id, ct)).Lines.Single(l => l.Task.Id == created.Value.Id);
        ETags.Set(http, line.Task.Version);
        return TypedResults.Created($"/api/v1/meeting-tasks/{created.Value.Id.ToString(CultureInfo.InvariantCulture)}", TaskDto.From(line));
    }

    private static async Task<Results<Ok<TaskListDto>, ReadProblem>> TasksAsync(HttpContext http, string? filter, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        if (!TryFilter(filter, out var f)) return t.ReadProblem([new FieldInvalid("filter", "Error.ValueUnknown")]);
        return TypedResults.Ok(ListDto(await tasks.ListAsync(ApiActor(http), f, null, ct)));
    }

    internal static bool TryFilter(string? text, out TaskFilter filter)
    {
        filter = TaskFilter.All;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text, true, out filter) && Enum.IsDefined(filter) && !int.TryParse(text, out _);
    }

    internal static MeetingTaskAction? ActionOf(string action) => action switch
    {
        "report" => MeetingTaskAction.ReportDone,
        "verify" => MeetingTaskAction.Verify,
        "reject" => MeetingTaskAction.Reject,
        "reopen" => MeetingTaskAction.Reopen,
        _ => null,
    };

    private static async Task<Results<Ok<TaskDto>, ChangeProblem>> ActAsync(HttpContext http, long id, string action, VersionInput input, MeetingTaskService tasks, UiText t, CancellationToken ct)
    {
        if (ActionOf(action) is not { } a) return t.ReadProblem([new Domain.Common.NotFound("MeetingTaskAction", action)]).AsChange();
        var version = ETags.Read(http, input.Version);
        if (version.IsMissing) return t.VersionRequired();
        var actor = ApiActor(http);
        var done = await tasks.ActAsync(actor, id, version.Value, a, input.Note, ct);
        if (!done.Succeeded) return t.ChangeProblem(done.Errors, version);
        // The answer is the task's line (owner organisation's name, overdue as of today), read back after the write.
        var line = (await tasks.ListAsync(actor, TaskFilter.All, done.Value.MeetingId, ct)).Lines.Single(l => l.Task.Id == id);
        ETags.Set(http, line.Task.Version);
        return TypedResults.Ok(TaskDto.From(line));
    }
}
