using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>/api/v1/projects/{code}/milestones and /monthly-plans/{year}: the same service and rules as the pages.</summary>
public static class MilestonesApi
{
    public static IEndpointRouteBuilder MapMilestonesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/projects/{code}").RequireAuthorization().WithTags("Milestones");
        g.MapGet("/milestones", ListAsync).WithSummary("A project's milestones (倒排工期) with days late vs baseline, overdue, and date changes");
        g.MapPost("/milestones", CreateAsync).WithSummary("Add a milestone; its planned date becomes the baseline");
        g.MapPut("/milestones/{id:int}", UpdateAsync)
            .WithSummary("Edit a milestone; send the version read; a new planned date needs reasonCode (Other also reasonNote)");
        g.MapGet("/monthly-plans/{year:int}", GetPlanAsync).WithSummary("The year's planned investment by month (按月排进度), 万元");
        g.MapPut("/monthly-plans/{year:int}", PutPlanAsync)
            .WithSummary("Replace the year's twelve monthly amounts; they must add up to the annual plan; send the version read");
        return app;
    }

    private static Actor ApiActor(HttpContext http) => AuthSetup.ActorOf(http, "api")
        ?? throw new InvalidOperationException("An API endpoint ran without a valid token.");

    private static async Task<Results<Ok<MilestoneListDto>, ReadProblem>> ListAsync(HttpContext http, string code, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var plan = await milestones.PlanAsync(ApiActor(http), code, ct);
        if (!plan.Succeeded) return t.ReadProblem(plan.Errors);
        return TypedResults.Ok(ListOf(plan.Value));
    }

    private static MilestoneListDto ListOf(MilestonePlan p) => new(p.Project.Code, p.AsOf, p.Milestones.Select(m => MilestoneDto.From(m, p.AsOf)).ToList());

    private static async Task<Results<Created<MilestoneDto>, WriteProblem>> CreateAsync(HttpContext http, string code, MilestoneInput input, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var actor = ApiActor(http);
        var created = await milestones.CreateAsync(actor, code, input.ToDraft(), ct);
        if (!created.Succeeded) return t.WriteProblem(created.Errors);
        var saved = await OneAsync(actor, code, created.Value.Id, milestones, ct);
        ETags.Set(http, saved.Dto.Version);
        return TypedResults.Created($"/api/v1/projects/{saved.Project}/milestones/{created.Value.Id.ToString(CultureInfo.InvariantCulture)}", saved.Dto);
    }

    private static async Task<Results<Ok<MilestoneDto>, ChangeProblem>> UpdateAsync(HttpContext http, string code, int id, MilestoneInput input, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var version = ETags.Read(http, input.Version is { } v ? (int)Math.Min(v, int.MaxValue) : null);
        if (version.IsMissing) return t.VersionRequired();
        var actor = ApiActor(http);
        var reason = input.ReasonCode is null && input.ReasonNote is null ? null : new DateChangeReason(input.ReasonCode, input.ReasonNote);
        var updated = await milestones.UpdateAsync(actor, code, id, version.Value, input.ToDraft(), reason, ct);
        if (!updated.Succeeded) return t.ChangeProblem(updated.Errors, version);
        var saved = (await OneAsync(actor, code, id, milestones, ct)).Dto;
        ETags.Set(http, saved.Version);
        return TypedResults.Ok(saved);
    }

    /// <summary>
    /// A milestone as the list shows it, read back after a write: the answer carries its date-change history and days
    /// late as of today, which the saved entity does not hold.
    /// </summary>
    private static async Task<(string Project, MilestoneDto Dto)> OneAsync(Actor actor, string code, int id, MilestoneService milestones, CancellationToken ct)
    {
        var plan = (await milestones.PlanAsync(actor, code, ct)).Value;
        return (plan.Project.Code, MilestoneDto.From(plan.Milestones.Single(m => m.Id == id), plan.AsOf));
    }

    private static async Task<Results<Ok<MonthlyPlanDto>, ReadProblem>> GetPlanAsync(HttpContext http, string code, int year, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var plan = await milestones.MonthlyPlanAsync(ApiActor(http), code, year, ct);
        if (!plan.Succeeded) return t.ReadProblem(plan.Errors);
        ETags.Set(http, plan.Value.Version);
        return TypedResults.Ok(MonthlyPlanDto.From(plan.Value));
    }

    private static async Task<Results<Ok<MonthlyPlanDto>, ChangeProblem>> PutPlanAsync(HttpContext http, string code, int year, MonthlyPlanInput input, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        // A plan's version is its project's progress counter (long); If-Match carries it like any other.
        var tag = ETags.IfMatch(http);
        var expected = tag ?? input.Version;
        var version = tag is not null ? new ClientVersion(0, VersionSource.IfMatch) : input.Version is not null ? new ClientVersion(0, VersionSource.Body) : ClientVersion.Missing;
        if (expected is null) return t.VersionRequired();
        var saved = await milestones.SaveMonthlyPlanAsync(ApiActor(http), code, year, expected.Value, input.Amounts ?? [], ct);
        if (!saved.Succeeded) return t.ChangeProblem(saved.Errors, version);
        ETags.Set(http, saved.Value.Version);
        return TypedResults.Ok(MonthlyPlanDto.From(saved.Value));
    }
}
