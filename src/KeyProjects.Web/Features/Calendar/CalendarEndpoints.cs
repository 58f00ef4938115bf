using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>/admin/calendar (page) and /api/v1/calendar: the working-day calendar and its corrections.</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").RequireAuthorization().WithTags("Calendar");
        api.MapGet("/{year:int}", YearApiAsync).WithSummary("The year's holidays and worked weekend days (调休), shipped and corrected, and its working-day count");
        api.MapPut("/{date}", SetApiAsync).WithSummary("Correct a date (administrators): kind Holiday | MakeUpWorkday | Ordinary, name; the version read (body or If-Match) when the date has a correction (0: it had none)");
        api.MapDelete("/{date}", RemoveApiAsync).WithSummary("Remove a correction (administrators): the shipped day applies again; send the version read (?version= or If-Match)");

        var g = app.MapGroup("/admin/calendar").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", PageAsync);
        g.MapPost("", SetAsync);
        g.MapPost("/{date}/remove", RemoveAsync);
        return app;
    }

    public sealed record CalendarEntryRequest(DayKind? Kind, string? Name, int? Version);

    private static Actor Api(HttpContext http) => AuthSetup.ActorOf(http, "api") ?? throw new InvalidOperationException("No token.");

    private static bool TryDate(string raw, out DateOnly date) => DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public sealed record CalendarDayDto(string Date, DayKind Kind, string Name, bool Corrected, string? UpdatedBy, int? Version);

    public sealed record CalendarYearDto(int Year, bool Provisional, int WorkingDayCount, IReadOnlyList<CalendarDayDto> Days);

    private static async Task<Results<Ok<CalendarYearDto>, ReadProblem>> YearApiAsync(int year, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (year is < CalendarService.MinYear or > CalendarService.MaxYear) return t.ReadProblem([new FieldInvalid("year", "Calendar.Error.Year", CalendarService.MinYear, CalendarService.MaxYear)]);
        var y = await calendar.YearAsync(year, ct);
        return TypedResults.Ok(new CalendarYearDto(y.Year, y.Provisional, y.WorkingDayCount,
            y.Rows.Select(r => new CalendarDayDto(Display.Date(r.Date), r.Kind, r.Name, r.Corrected, r.UpdatedBy, r.Version)).ToList()));
    }

    /// <summary>
    /// Sets a date's correction: a creation when the date has none (no version needed, or 0), a change of the
    /// correction otherwise (its version required: 428 without, 412/409 when stale).
    /// </summary>
    private static async Task<Results<Ok<CalendarRow>, ChangeProblem>> SetApiAsync(HttpContext http, string date, CalendarEntryRequest body, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (!TryDate(date, out var d)) return t.ReadProblem([new FieldInvalid("date", "Error.NotADate")]).AsChange();
        var version = ETags.Read(http, body.Version);
        // Without a version the client says it read no correction (0); if there is one, the conflict answers 428.
        var result = await calendar.SetAsync(Api(http), d, body.Kind ?? (DayKind)0, body.Name, version.IsMissing ? 0 : version.Value, ct);
        if (!result.Succeeded) return t.ChangeProblem(result.Errors, version);
        if (result.Value.Version is { } v) ETags.Set(http, v);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<NoContent, ChangeProblem>> RemoveApiAsync(HttpContext http, string date, [FromQuery] int? version, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (!TryDate(date, out var d)) return t.ReadProblem([new FieldInvalid("date", "Error.NotADate")]).AsChange();
        var read = ETags.Read(http, version);
        if (read.IsMissing) return t.VersionRequired();
        var result = await calendar.RemoveAsync(Api(http), d, ct, read.Value);
        return result.Succeeded ? TypedResults.NoContent() : t.ChangeProblem(result.Errors, read);
    }

    private static async Task<IResult> PageAsync(HttpContext http, [FromQuery] int? year, CalendarService calendar, TimeProvider clock, UiText t, CancellationToken ct)
    {
        if (!http.UiActor().Can(Permission.ManageCalendar)) return Pages.ForbiddenPage(t);
        return await RenderAsync(calendar, YearOf(year, clock), null, null, StatusCodes.Status200OK, ct);
    }

    private static int YearOf(int? year, TimeProvider clock) =>
        year is >= CalendarService.MinYear and <= CalendarService.MaxYear ? year.Value : Display.Today(clock).Year;

    private static async Task<IResult> RenderAsync(CalendarService calendar, int year, CalendarForm? form, Dictionary<string, string[]>? errors, int status, CancellationToken ct) =>
        Pages.Render<CalendarPage>(new { Data = await calendar.YearAsync(year, ct), Form = form ?? new CalendarForm(), Errors = errors }, status);

    private static async Task<IResult> SetAsync(HttpContext http, IFormCollection posted, CalendarService calendar, TimeProvider clock, UiText t, CancellationToken ct)
    {
        var form = new CalendarForm { Date = posted["Date"], Kind = posted["Kind"], Name = posted["Name"] };
        var errors = new List<DomainError>();
        if (!TryDate(form.Date ?? "", out var d)) errors.Add(new FieldInvalid("Date", "Error.NotADate"));
        if (!Enum.TryParse<DayKind>(form.Kind, out var kind) || !Enum.IsDefined(kind)) errors.Add(new FieldInvalid("Kind", "Calendar.Error.Kind"));
        var result = errors.Count > 0 ? Result<CalendarRow>.Fail(errors) : await calendar.SetAsync(http.UiActor(), d, kind, form.Name, null, ct);
        if (result.Succeeded) return Results.Redirect($"/admin/calendar?year={d.Year.ToString(CultureInfo.InvariantCulture)}&done=calendar-saved");
        if (result.Errors[0] is Forbidden) return Pages.ForbiddenPage(t);
        return await RenderAsync(calendar, errors.Count == 0 ? d.Year : YearOf(null, clock), form, t.ByField(result.Errors), StatusCodes.Status422UnprocessableEntity, ct);
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string date, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (!TryDate(date, out var d)) return Pages.NotFoundPage(t);
        var result = await calendar.RemoveAsync(http.UiActor(), d, ct);
        if (!result.Succeeded) return result.Errors[0] is Forbidden ? Pages.ForbiddenPage(t) : Pages.NotFoundPage(t);
        return Results.Redirect($"/admin/calendar?year={d.Year.ToString(CultureInfo.InvariantCulture)}&done=calendar-saved");
    }
}

public sealed class CalendarForm
{
    public string? Date { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
}
