using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>/admin/calendar (page) and /api/v1/calendar: the working-day calendar and its corrections.</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/calendar").RequireAuthorization().WithTags("Calendar");
        api.MapGet("/{year:int}", YearApiAsync).WithSummary("The year's holidays and worked weekend days (调休), shipped and corrected, and its working-day count");
        api.MapPut("/{date}", SetApiAsync).WithSummary("Correct a date (administrators): kind Holiday | MakeUpWorkday | Ordinary, name; version for an existing correction");
        api.MapDelete("/{date}", RemoveApiAsync).WithSummary("Remove a correction (administrators): the shipped day applies again");

        var g = app.MapGroup("/admin/calendar").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("", PageAsync);
        g.MapPost("", SetAsync);
        g.MapPost("/{date}/remove", RemoveAsync);
        return app;
    }

    public sealed record CalendarEntryRequest(DayKind? Kind, string? Name, int? Version);

    private static Actor Api(HttpContext http) => AuthSetup.ActorOf(http, "api") ?? throw new InvalidOperationException("No token.");

    private static bool TryDate(string raw, out DateOnly date) => DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static async Task<IResult> YearApiAsync(int year, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (year is < CalendarService.MinYear or > CalendarService.MaxYear) return t.ToProblem([new FieldInvalid("year", "Calendar.Error.Year", CalendarService.MinYear, CalendarService.MaxYear)]);
        var y = await calendar.YearAsync(year, ct);
        return TypedResults.Ok(new
        {
            y.Year,
            y.Provisional,
            y.WorkingDayCount,
            Days = y.Rows.Select(r => new { Date = Display.Date(r.Date), r.Kind, r.Name, r.Corrected, r.UpdatedBy, r.Version }),
        });
    }

    private static async Task<IResult> SetApiAsync(HttpContext http, string date, CalendarEntryRequest body, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (!TryDate(date, out var d)) return t.ToProblem([new FieldInvalid("date", "Error.NotADate")]);
        var result = await calendar.SetAsync(Api(http), d, body.Kind ?? (DayKind)0, body.Name, body.Version, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : t.ToProblem(result.Errors);
    }

    private static async Task<IResult> RemoveApiAsync(HttpContext http, string date, CalendarService calendar, UiText t, CancellationToken ct)
    {
        if (!TryDate(date, out var d)) return t.ToProblem([new FieldInvalid("date", "Error.NotADate")]);
        var result = await calendar.RemoveAsync(Api(http), d, ct);
        return result.Succeeded ? TypedResults.NoContent() : t.ToProblem(result.Errors);
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
