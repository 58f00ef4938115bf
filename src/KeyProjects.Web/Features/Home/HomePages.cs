using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Home;

/// <summary>The 工作台 page at "/" (every user lands here) and GET /api/v1/home with the same items.</summary>
public static class HomePages
{
    public static IEndpointRouteBuilder MapHomePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", PageAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/projects/{code}/progress", ProjectProgressAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGroup("/api/v1/home").RequireAuthorization().WithTags("Home")
            .MapGet("", ApiAsync).WithSummary("The caller's 工作台: what to do now (counts with the list each leads to), their region at a glance, a project unit's projects");
        return app;
    }

    private static async Task<IResult> PageAsync(HttpContext http, HomeService home, CancellationToken ct) =>
        Pages.Render<HomePage>(new { Model = await home.ForAsync(http.UiActor(), ct) });

    /// <summary>The project page's progress panel (a fragment htmx loads into /projects/{code}); 404 outside the caller's scope.</summary>
    private static async Task<IResult> ProjectProgressAsync(HttpContext http, string code, HomeService home, UiText t, CancellationToken ct)
    {
        var summary = await home.ProjectSummaryAsync(http.UiActor(), code, ct);
        return summary.Succeeded ? Pages.Render<ProjectProgressPanel>(new { Model = summary.Value }) : Pages.NotFoundPage(t);
    }

    private static async Task<Ok<WorkbenchDto>> ApiAsync(HttpContext http, HomeService home, UiText t, CancellationToken ct)
    {
        var actor = AuthSetup.ActorOf(http, "api") ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");
        var w = await home.ForAsync(actor, ct);
        return TypedResults.Ok(new WorkbenchDto(w.Today, w.Period.ToString(),
            w.Items.Select(i => new WorkItemDto(i.Key, t[i.Key], i.Count, i.Href, i.Tone.ToString())).ToList(),
            w.Glance is { } g
                ? new GlanceDto(g.OrgId, g.OrgName, g.CompletionRate?.Printed, g.TimeProgress?.Printed, g.PointsAhead?.Printed, g.IsBehind, g.YtdCompleted,
                    g.AnnualPlan, g.Projects, g.OverdueProblems, g.NextMeeting)
                : null,
            w.Projects.Select(p => new ProjectCardDto(p.Code, p.Name, p.Report?.ToString(), p.Completion?.Printed, p.OpenProblems, p.OverdueProblems)).ToList()));
    }

    public sealed record WorkbenchDto(DateOnly Today, string Period, IReadOnlyList<WorkItemDto> Items, GlanceDto? Glance, IReadOnlyList<ProjectCardDto> Projects);

    /// <summary>One thing to do: its key, its words in the caller's language, how many, the list it leads to, and Late / Due / Info.</summary>
    public sealed record WorkItemDto(string Key, string Text, int Count, string Href, string Tone);

    /// <summary>Figures in 万元; rates in percent (points for pointsAhead) at the bulletins' precision.</summary>
    public sealed record GlanceDto(int OrgId, string OrgName, decimal? CompletionRate, decimal? TimeProgress, decimal? PointsAhead, bool IsBehind,
        decimal YtdCompleted, decimal AnnualPlan, int Projects, int OverdueProblems, NextMeeting? NextMeeting);

    public sealed record ProjectCardDto(string Code, string Name, string? Report, decimal? CompletionRate, int OpenProblems, int OverdueProblems);
}
