using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>
/// /projects/{code}/milestones: the milestone ledger with its forms, the change history, the Gantt and the monthly plan.
/// Forms post normally and, with htmx, swap only their section; a refused form comes back with what was typed.
/// </summary>
public static class MilestonePages
{
    public const string SectionTarget = "milestone-section";
    public const string PlanTarget = "monthly-plan";

    public static IEndpointRouteBuilder MapMilestonePages(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/projects/{code}").RequireAuthorization().ExcludeFromDescription();
        g.MapGet("/milestones", ShowAsync);
        g.MapPost("/milestones", CreateAsync);
        g.MapPost("/milestones/{id:int}", UpdateAsync);
        g.MapPost("/milestones/{id:int}/actual", RecordActualAsync);
        g.MapPost("/monthly-plans/{year:int}", SavePlanAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string code, int? year, int? edit, string? fill, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var model = await ModelAsync(http, code, year, milestones, ct);
        if (model is null) return Pages.NotFoundPage(t);
        model.EditId = edit;
        if (edit is { } id && model.Plan.Milestones.FirstOrDefault(m => m.Id == id) is { } m) model.EditForm = MilestoneForm.From(m);
        if (fill is "even" or "lastyear" && model.Monthly.AnnualPlan is { } annual)
            model.PlanForm = MonthlyPlanForm.From(fill == "even" ? MonthlyPlanRules.SpreadEvenly(annual) : MonthlyPlanRules.CopyShape(model.Monthly.LastYear, annual), model.Monthly.Version);
        return Render(http, model, StatusCodes.Status200OK);
    }

    /// <summary>The whole page, or with htmx the section the request targets (always 200, so that htmx swaps in the messages).</summary>
    private static IResult Render(HttpContext http, MilestonePageModel model, int status)
    {
        if (http.Request.IsHtmx())
        {
            var target = http.Request.Headers["HX-Target"].ToString();
            if (target == SectionTarget) return Pages.Render<MilestoneSection>(new { Model = model });
            if (target == PlanTarget) return Pages.Render<MonthlyPlanSection>(new { Model = model });
        }
        return Pages.Render<MilestonesPage>(new { Model = model }, status);
    }

    private static async Task<MilestonePageModel?> ModelAsync(HttpContext http, string code, int? year, MilestoneService milestones, CancellationToken ct)
    {
        var actor = http.UiActor();
        var plan = await milestones.PlanAsync(actor, code, ct);
        if (!plan.Succeeded) return null;
        var project = plan.Value.Project;
        var planYear = year is >= Domain.Projects.ProjectRules.MinYear and <= Domain.Projects.ProjectRules.MaxYear ? year.Value : DefaultYear(project, milestones.Today);
        var monthly = await milestones.MonthlyPlanAsync(actor, code, planYear, ct);
        if (!monthly.Succeeded) return null;
        return new MilestonePageModel
        {
            Plan = plan.Value,
            Monthly = monthly.Value,
            PlanForm = MonthlyPlanForm.From(monthly.Value.Amounts, monthly.Value.Version),
            Years = project.YearPlans.Select(y => y.Year).Append(planYear).Distinct().OrderDescending().ToList(),
        };
    }

    /// <summary>This year when the project has a plan for it; otherwise the latest planned year up to next year.</summary>
    private static int DefaultYear(Projects.Project project, DateOnly today)
    {
        var years = project.YearPlans.Select(y => y.Year).ToList();
        if (years.Contains(today.Year)) return today.Year;
        return years.Where(y => y <= today.Year + 1).DefaultIfEmpty(today.Year).Max();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string code, IFormCollection posted, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var form = MilestoneForm.From(posted);
        var (draft, _, parseErrors) = form.Read();
        var result = parseErrors.Count > 0
            ? Result<Milestone>.Fail(parseErrors.Concat(MilestoneRules.Validate(draft, milestones.Today).Where(e => parseErrors.All(p => p.Field != e.Field))).ToList())
            : await milestones.CreateAsync(http.UiActor(), code, draft, ct);
        return await AfterAsync(http, code, result.Succeeded ? null : result.Errors, milestones, t, ct, m => m.NewForm = form);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string code, int id, IFormCollection posted, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var form = MilestoneForm.From(posted);
        var (draft, reason, parseErrors) = form.Read();
        var result = parseErrors.Count > 0
            ? Result<Milestone>.Fail(parseErrors)
            : await milestones.UpdateAsync(http.UiActor(), code, id, form.VersionNumber ?? -1, draft, reason, ct);
        return await AfterAsync(http, code, result.Succeeded ? null : result.Errors, milestones, t, ct, m =>
        {
            m.EditId = id;
            if (result.Errors.FirstOrDefault() is ConcurrencyConflict c) form.Version = c.CurrentVersion.ToString(CultureInfo.InvariantCulture);
            m.EditForm = form;
        });
    }

    private static async Task<IResult> RecordActualAsync(HttpContext http, string code, int id, IFormCollection posted, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var plan = await milestones.PlanAsync(actor, code, ct);
        if (!plan.Succeeded) return Pages.NotFoundPage(t);
        var current = plan.Value.Milestones.FirstOrDefault(m => m.Id == id);
        if (current is null) return Pages.NotFoundPage(t);
        var form = MilestoneForm.From(current);
        form.ActualDate = posted["ActualDate"];
        form.Version = posted["Version"];
        var (draft, _, parseErrors) = form.Read();
        if (string.IsNullOrWhiteSpace(form.ActualDate)) parseErrors.Add(new FieldInvalid(nameof(MilestoneForm.ActualDate), "Error.Required"));
        var result = parseErrors.Count > 0
            ? Result<Milestone>.Fail(parseErrors)
            : await milestones.UpdateAsync(actor, code, id, form.VersionNumber ?? -1, draft, null, ct);
        return await AfterAsync(http, code, result.Succeeded ? null : result.Errors, milestones, t, ct, m =>
        {
            m.EditId = id;
            m.EditForm = MilestoneForm.From(current);
            m.EditForm.ActualDate = form.ActualDate;
        });
    }

    /// <summary>After a milestone form: the fresh section, or the form again with its messages.</summary>
    private static async Task<IResult> AfterAsync(HttpContext http, string code, IReadOnlyList<DomainError>? errors, MilestoneService milestones, UiText t,
        CancellationToken ct, Action<MilestonePageModel> keepForm)
    {
        if (errors is not null && errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (errors is not null && errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        var year = int.TryParse(http.Request.Query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
        if (errors is null && !http.Request.IsHtmx()) return Results.Redirect($"/projects/{Uri.EscapeDataString(code)}/milestones?done=saved");
        var model = (await ModelAsync(http, code, year, milestones, ct))!;
        if (errors is not null)
        {
            keepForm(model);
            model.Conflict = errors[0] as ConcurrencyConflict;
            model.Errors = model.Conflict is null ? t.ByField(errors) : [];
        }
        else model.Saved = true;
        return Render(http, model, errors is null ? 200 : model.Conflict is null ? 422 : 409);
    }

    private static async Task<IResult> SavePlanAsync(HttpContext http, string code, int year, IFormCollection posted, MilestoneService milestones, UiText t, CancellationToken ct)
    {
        var actor = http.UiActor();
        var form = MonthlyPlanForm.From(posted);
        var (amounts, parseErrors) = form.Read();
        var result = parseErrors.Count > 0
            ? Result<MonthlyPlanView>.Fail(parseErrors)
            : await milestones.SaveMonthlyPlanAsync(actor, code, year, form.VersionNumber ?? -1, amounts, ct);
        if (!result.Succeeded && result.Errors[0] is NotFound) return Pages.NotFoundPage(t);
        if (!result.Succeeded && result.Errors[0] is Forbidden f) return Pages.ForbiddenPage(t, t.Describe(f));
        if (result.Succeeded && !http.Request.IsHtmx()) return Results.Redirect($"/projects/{Uri.EscapeDataString(code)}/milestones?year={year.ToString(CultureInfo.InvariantCulture)}&done=saved#monthly-plan");
        var model = (await ModelAsync(http, code, year, milestones, ct))!;
        if (result.Succeeded) model.PlanSaved = true;
        else
        {
            model.PlanConflict = result.Errors[0] as ConcurrencyConflict;
            // On a conflict the cells keep what this person typed, next to the version now current: saving again is a choice.
            form.Version = model.Monthly.Version.ToString(CultureInfo.InvariantCulture);
            model.PlanForm = form;
            model.PlanErrors = model.PlanConflict is null ? t.ByField(result.Errors) : [];
        }
        return Render(http, model, result.Succeeded ? 200 : model.PlanConflict is null ? 422 : 409);
    }
}

/// <summary>What the milestones page shows: the plan, the year's monthly plan, and the forms as they stand.</summary>
public sealed class MilestonePageModel
{
    public required MilestonePlan Plan { get; init; }
    public required MonthlyPlanView Monthly { get; init; }
    public required IReadOnlyList<int> Years { get; init; }
    public MilestoneForm NewForm { get; set; } = new();
    public int? EditId { get; set; }
    public MilestoneForm? EditForm { get; set; }
    public Dictionary<string, string[]> Errors { get; set; } = [];
    public ConcurrencyConflict? Conflict { get; set; }
    public bool Saved { get; set; }
    public MonthlyPlanForm PlanForm { get; set; } = new();
    public Dictionary<string, string[]> PlanErrors { get; set; } = [];
    public ConcurrencyConflict? PlanConflict { get; set; }
    public bool PlanSaved { get; set; }

    public string Code => Plan.Project.Code;
    public string BaseUrl => $"/projects/{Code}/milestones";
}
