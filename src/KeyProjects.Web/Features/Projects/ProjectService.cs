using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// The registry's use cases. The UI, the REST API, the Excel import and the demo seeder all come through here, so
/// scope (the caller's subtree), permissions, validation, audit and concurrency are the same for all of them.
/// </summary>
public sealed class ProjectService(AppDbContext db, TimeProvider clock, OrgService orgs)
{
    public const string AuditType = "Project";
    public const int MaxReasonLength = 500;

    /// <summary>Projects the actor may see: on a list of their subtree, or built by or answerable to a node of it.</summary>
    public IQueryable<Project> Visible(Actor actor)
    {
        var path = actor.OrgPath;
        if (OrgTree.DepthOf(path) <= 1) return db.Projects; // the root sees everything
        return db.Projects.Where(p => p.Org!.Path.StartsWith(path)
            || (p.UnitOrgId != null && p.UnitOrg!.Path.StartsWith(path))
            || (p.ResponsibleOrgId != null && p.ResponsibleOrg!.Path.StartsWith(path)));
    }

    /// <summary>
    /// The list year when the caller names none: the latest year, up to next year, in which any visible project has
    /// a plan. In January, before this year's plans are entered, the list still shows last year's ledger.
    /// </summary>
    public async Task<int> DefaultPlanYearAsync(Actor actor, CancellationToken ct = default)
    {
        var today = Display.Today(clock);
        var ids = Visible(actor).Where(p => !p.IsRetired).Select(p => p.Id);
        var latest = await db.ProjectYearPlans.Where(y => y.Year <= today.Year + 1 && ids.Contains(y.ProjectId))
            .MaxAsync(y => (int?)y.Year, ct);
        return latest ?? today.Year;
    }

    public async Task<IReadOnlyList<int>> PlanYearsAsync(Actor actor, CancellationToken ct = default)
    {
        var ids = Visible(actor).Select(p => p.Id);
        return await db.ProjectYearPlans.Where(y => ids.Contains(y.ProjectId)).Select(y => y.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
    }

    private async Task<(IQueryable<Project> Query, int PlanYear)> FilterAsync(Actor actor, ProjectFilter f, CancellationToken ct)
    {
        var q = Visible(actor);
        var planYear = f.Year ?? await DefaultPlanYearAsync(actor, ct);
        var year = f.AllYears ? null : (int?)planYear;

        if (!f.IncludeRetired) q = q.Where(p => !p.IsRetired);
        if (f.OrgId is { } orgId)
        {
            var org = await orgs.FindAsync(orgId, ct);
            // A node outside the caller's subtree selects nothing rather than revealing what it holds.
            var orgPath = org is not null && actor.Covers(org.Path) ? org.Path : "\u0000";
            q = q.Where(p => p.Org!.Path.StartsWith(orgPath));
        }
        if (f.Level is { } level and not ProjectLevel.None) q = q.Where(p => (p.Levels & level) == level);
        if (f.List is { } list) q = q.Where(p => p.Lists.Any(l => l.List == list));
        if (f.Stage is { } stage) q = q.Where(p => p.Stage == stage);
        if (f.Sector is { } sector) q = q.Where(p => p.Sector == sector);
        if (f.Investment is { } investment) q = q.Where(p => p.InvestmentKind == investment);
        if (year is { } y) q = q.Where(p => p.YearPlans.Any(x => x.Year == y));
        if (f.Construction is { } kind) q = q.Where(p => p.YearPlans.Any(x => x.Year == planYear && x.Kind == kind));
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            var code = ProjectCode.Normalize(t);
            q = q.Where(p => p.Name.Contains(t) || p.Code.Contains(code) || (p.Location != null && p.Location.Contains(t))
                || (p.UnitName != null && p.UnitName.Contains(t)) || (p.ResponsibleUnit != null && p.ResponsibleUnit.Contains(t)));
        }
        return (q, planYear);
    }

    private static IQueryable<Project> Sort(IQueryable<Project> q, ProjectFilter f, int planYear)
    {
        IOrderedQueryable<Project> ordered = (f.Sort, f.Descending) switch
        {
            (ProjectSort.Name, false) => q.OrderBy(p => p.Name),
            (ProjectSort.Name, true) => q.OrderByDescending(p => p.Name),
            (ProjectSort.Org, false) => q.OrderBy(p => p.Org!.Path),
            (ProjectSort.Org, true) => q.OrderByDescending(p => p.Org!.Path),
            (ProjectSort.TotalInvestment, false) => q.OrderBy(p => p.TotalInvestment),
            (ProjectSort.TotalInvestment, true) => q.OrderByDescending(p => p.TotalInvestment),
            (ProjectSort.AnnualPlan, false) => q.OrderBy(p => p.YearPlans.Where(y => y.Year == planYear).Select(y => (decimal?)y.PlannedInvestment).FirstOrDefault()),
            (ProjectSort.AnnualPlan, true) => q.OrderByDescending(p => p.YearPlans.Where(y => y.Year == planYear).Select(y => (decimal?)y.PlannedInvestment).FirstOrDefault()),
            (ProjectSort.PlannedStart, false) => q.OrderBy(p => p.PlannedStart),
            (ProjectSort.PlannedStart, true) => q.OrderByDescending(p => p.PlannedStart),
            (ProjectSort.PlannedCompletion, false) => q.OrderBy(p => p.PlannedCompletion),
            (ProjectSort.PlannedCompletion, true) => q.OrderByDescending(p => p.PlannedCompletion),
            (ProjectSort.Stage, false) => q.OrderBy(p => p.Stage),
            (ProjectSort.Stage, true) => q.OrderByDescending(p => p.Stage),
            (ProjectSort.Updated, false) => q.OrderBy(p => p.UpdatedAtUtc),
            (ProjectSort.Updated, true) => q.OrderByDescending(p => p.UpdatedAtUtc),
            (_, true) => q.OrderByDescending(p => p.Code),
            _ => q.OrderBy(p => p.Code),
        };
        // Ties are broken by the code so that paging and the export give one stable order.
        return f.Sort == ProjectSort.Code ? ordered : ordered.ThenBy(p => p.Code);
    }

    public async Task<ProjectPage> ListAsync(Actor actor, ProjectFilter filter, CancellationToken ct = default)
    {
        var f = filter with
        {
            Page = Math.Max(1, filter.Page),
            PageSize = Math.Clamp(filter.PageSize, 1, ProjectFilter.MaxPageSize),
        };
        var (q, planYear) = await FilterAsync(actor, f, ct);

        var total = await q.CountAsync(ct);
        var sumTotal = total == 0 ? 0 : await q.SumAsync(p => p.TotalInvestment, ct);
        var ids = q.Select(p => p.Id);
        var plans = await db.ProjectYearPlans.Where(y => y.Year == planYear && ids.Contains(y.ProjectId))
            .GroupBy(y => y.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Sum = g.Sum(y => y.PlannedInvestment) })
            .ToListAsync(ct);

        var page = Math.Min(f.Page, Math.Max(1, (total + f.PageSize - 1) / f.PageSize));
        var rows = await Sort(q, f, planYear)
            .Skip((page - 1) * f.PageSize).Take(f.PageSize)
            .Select(p => new
            {
                p.Code, p.Name, p.OrgId, OrgName = p.Org!.Name, p.Location, p.UnitName, p.ResponsibleUnit, p.Levels, p.Stage, p.Sector,
                p.TotalInvestment,
                Plan = p.YearPlans.Where(y => y.Year == planYear).Select(y => new { y.PlannedInvestment, y.Kind }).FirstOrDefault(),
                p.PlannedStart, p.PlannedCompletion, p.IsRetired,
                Leaders = p.Team.Where(t => t.Role == TeamRole.Leader).OrderBy(t => t.SortOrder).Select(t => t.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        return new ProjectPage(
            rows.Select(r => new ProjectRow(r.Code, r.Name, r.OrgId, r.OrgName, r.Location, r.UnitName, r.ResponsibleUnit, r.Levels, r.Stage, r.Sector,
                r.TotalInvestment, r.Plan?.PlannedInvestment, r.Plan?.Kind, r.PlannedStart, r.PlannedCompletion, r.IsRetired, r.Leaders)).ToList(),
            total, page, f.PageSize, planYear, sumTotal,
            plans.Sum(p => p.Sum),
            plans.Where(p => p.Kind == ConstructionKind.New).Sum(p => p.Count),
            plans.Where(p => p.Kind == ConstructionKind.Continuing).Sum(p => p.Count));
    }

    /// <summary>Every project the filter selects, in the list's order, with what the ledger export needs.</summary>
    public async Task<(IReadOnlyList<Project> Projects, int PlanYear)> ListForExportAsync(Actor actor, ProjectFilter filter, CancellationToken ct = default)
    {
        var (q, planYear) = await FilterAsync(actor, filter, ct);
        var projects = await Sort(q, filter, planYear)
            .Include(p => p.Org).Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
            .AsSplitQuery().AsNoTracking()
            .ToListAsync(ct);
        return (projects, planYear);
    }

    /// <summary>A project with everything the detail page shows; not found when it lies outside the actor's subtree.</summary>
    public async Task<Result<Project>> GetAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var normalized = ProjectCode.Normalize(code);
        var project = await Visible(actor).AsNoTracking()
            .Include(p => p.Org).Include(p => p.UnitOrg).Include(p => p.ResponsibleOrg)
            .Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == normalized, ct);
        return project is null ? Result<Project>.Fail(new NotFound(AuditType, normalized)) : project;
    }

    /// <summary>What the actor may do with a project they can see.</summary>
    public static ProjectRights RightsOf(Actor actor, Project project)
    {
        var onList = actor.Covers(project.Org?.Path ?? "\u0000");
        var full = onList && actor.Can(Permission.EditProject);
        var unit = !full && actor.Role == Role.ProjectUnit && project.UnitOrg is { } u && actor.Covers(u.Path);
        return new ProjectRights(
            Edit: full || unit,
            EditAll: full,
            Retire: onList && actor.Can(Permission.RetireProject),
            History: actor.Can(Permission.ViewAudit) || unit);
    }

    public async Task<Result<Project>> CreateAsync(Actor actor, ProjectDraft draft, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.CreateProject)) return Result<Project>.Fail(new Forbidden("Error.Forbidden"));
        var code = ProjectCode.Normalize(draft.Code);
        var errors = ProjectRules.Validate(draft, Display.Today(clock)).ToList();
        var region = draft.OrgId > 0 ? await orgs.RegionForProjectAsync(actor, draft.OrgId, ct) : default;
        if (draft.OrgId > 0 && !region.Succeeded) errors.AddRange(region.Errors);
        if (code.Length > 0 && await db.Projects.AnyAsync(p => p.Code == code, ct))
            errors.Add(new FieldInvalid(nameof(ProjectDraft.Code), "Error.Project.CodeTaken", code));
        if (errors.Count > 0) return Result<Project>.Fail(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var project = new Project { Code = code, Name = "", CreatedAtUtc = now, UpdatedAtUtc = now, Version = 1 };
        project.Apply(draft);
        var nodes = await NamedNodes.LoadAsync(db, region.Value.Path, ct);
        LinkNodes(project, region.Value.Path, nodes);
        db.Projects.Add(project);
        AuditLog.Add(db, clock, actor, AuditType, code, region.Value.Path, AuditAction.Created, AuditLog.Diff(null, project.AuditSnapshot()), project.Version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<Project>().Any())
        {
            // Someone saved the same code between the check and the save: the unique index refused the second.
            if (!await CodeExistsAsync(code, ct)) throw;
            return Result<Project>.Fail(new FieldInvalid(nameof(ProjectDraft.Code), "Error.Project.CodeTaken", code));
        }
        return project;
    }

    private async Task<bool> CodeExistsAsync(string code, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Projects.AnyAsync(p => p.Code == code, ct);
    }

    private static void LinkNodes(Project project, string regionPath, NamedNodes nodes)
    {
        project.UnitOrgId = nodes.Find(project.UnitName, regionPath, OrgKind.ProjectUnit);
        project.ResponsibleOrgId = nodes.Find(project.ResponsibleUnit, regionPath, OrgKind.Department);
    }

    private Task<Project?> LoadForWriteAsync(Actor actor, string code, CancellationToken ct) =>
        Visible(actor)
            .Include(p => p.Org).Include(p => p.UnitOrg).Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == ProjectCode.Normalize(code), ct);

    public async Task<Result<Project>> UpdateAsync(Actor actor, string code, int expectedVersion, ProjectDraft draft, CancellationToken ct = default)
    {
        var project = await LoadForWriteAsync(actor, code, ct);
        if (project is null) return Result<Project>.Fail(new NotFound(AuditType, ProjectCode.Normalize(code)));
        var rights = RightsOf(actor, project);
        if (!rights.Edit) return Result<Project>.Fail(new Forbidden("Error.Project.CannotEdit"));
        if (project.IsRetired) return Result<Project>.Fail(new RuleBroken("Error.Project.Retired"));
        if (project.Version != expectedVersion) return Result<Project>.Fail(await ConflictAsync(project, expectedVersion, ct));

        var errors = new List<DomainError>();
        if (ProjectCode.Normalize(draft.Code) != project.Code)
            errors.Add(new FieldInvalid(nameof(ProjectDraft.Code), "Error.Project.CodeImmutable"));
        draft = draft with { Code = project.Code };
        if (!rights.EditAll) errors.AddRange(UnitMayNotChange(project.ToDraft(), draft));
        errors.AddRange(ProjectRules.Validate(draft, Display.Today(clock)));
        var regionPath = project.Org!.Path;
        if (draft.OrgId != project.OrgId && draft.OrgId > 0)
        {
            var region = await orgs.RegionForProjectAsync(actor, draft.OrgId, ct);
            if (region.Succeeded) regionPath = region.Value.Path; else errors.AddRange(region.Errors);
        }
        if (errors.Count > 0) return Result<Project>.Fail(errors);

        var before = project.AuditSnapshot();
        project.Apply(draft);
        LinkNodes(project, regionPath, await NamedNodes.LoadAsync(db, regionPath, ct));
        var changes = AuditLog.Diff(before, project.AuditSnapshot());
        if (changes.Count == 0) return project;

        project.Version++;
        project.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        AuditLog.Add(db, clock, actor, AuditType, project.Code, regionPath, AuditAction.Updated, changes, project.Version);
        return await SaveOrConflictAsync(project, expectedVersion, ct);
    }

    /// <summary>A project unit keeps its own contacts, content, actual dates and remarks; the rest is the list-keeper's.</summary>
    private static IEnumerable<DomainError> UnitMayNotChange(ProjectDraft current, ProjectDraft wanted)
    {
        var mayChange = new[]
        {
            nameof(ProjectDraft.Content), nameof(ProjectDraft.Location), nameof(ProjectDraft.ActualStart), nameof(ProjectDraft.ActualCompletion),
            nameof(ProjectDraft.ContactName), nameof(ProjectDraft.ContactPhone), nameof(ProjectDraft.Remarks),
        };
        var mine = current with
        {
            Content = wanted.Content, Location = wanted.Location, ActualStart = wanted.ActualStart, ActualCompletion = wanted.ActualCompletion,
            ContactName = wanted.ContactName, ContactPhone = wanted.ContactPhone, Remarks = wanted.Remarks,
            Team = current.Team.Where(t => t.Role != TeamRole.UnitHead).Concat(wanted.Team.Where(t => t.Role == TeamRole.UnitHead)).ToList(),
        };
        var a = Snapshot(mine);
        var b = Snapshot(wanted);
        foreach (var field in a.Keys.Union(b.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k)).Except(mayChange))
            yield return new FieldInvalid(field.Split('[')[0], "Error.Project.UnitMayNotChange");
    }

    private static Dictionary<string, string?> Snapshot(ProjectDraft d)
    {
        var p = new Project { Code = d.Code, Name = "" };
        p.Apply(d);
        return p.AuditSnapshot().ToDictionary(k => k.Key switch
        {
            var s when s.StartsWith("YearPlan", StringComparison.Ordinal) || s.StartsWith("YearKind", StringComparison.Ordinal) => nameof(ProjectDraft.YearPlans) + "[" + s,
            var s when s.StartsWith("List[", StringComparison.Ordinal) => nameof(ProjectDraft.Lists) + "[" + s,
            var s when s.StartsWith("Team[", StringComparison.Ordinal) => nameof(ProjectDraft.Team) + "[" + s,
            var s => s,
        }, k => k.Value);
    }

    public async Task<Result<Project>> RetireAsync(Actor actor, string code, int expectedVersion, string? reason, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, code, expectedVersion, reason, retire: true, ct);

    public async Task<Result<Project>> RestoreAsync(Actor actor, string code, int expectedVersion, string? reason, CancellationToken ct = default) =>
        await SetRetiredAsync(actor, code, expectedVersion, reason, retire: false, ct);

    private async Task<Result<Project>> SetRetiredAsync(Actor actor, string code, int expectedVersion, string? reason, bool retire, CancellationToken ct)
    {
        var project = await LoadForWriteAsync(actor, code, ct);
        if (project is null) return Result<Project>.Fail(new NotFound(AuditType, ProjectCode.Normalize(code)));
        if (!RightsOf(actor, project).Retire) return Result<Project>.Fail(new Forbidden("Error.Project.CannotRetire"));
        if (project.Version != expectedVersion) return Result<Project>.Fail(await ConflictAsync(project, expectedVersion, ct));
        if (string.IsNullOrWhiteSpace(reason)) return Result<Project>.Fail(new FieldInvalid("Reason", "Error.ReasonRequired"));
        if (reason.Trim().Length > MaxReasonLength) return Result<Project>.Fail(new FieldInvalid("Reason", "Error.TooLong", MaxReasonLength));
        if (project.IsRetired == retire)
            return Result<Project>.Fail(new RuleBroken(retire ? "Error.Project.AlreadyRetired" : "Error.Project.NotRetired"));

        var before = project.AuditSnapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        project.IsRetired = retire;
        project.RetiredReason = retire ? reason.Trim() : null;
        project.RetiredAtUtc = retire ? now : null;
        project.Version++;
        project.UpdatedAtUtc = now;
        AuditLog.Add(db, clock, actor, AuditType, project.Code, project.Org!.Path, retire ? AuditAction.Retired : AuditAction.Restored,
            AuditLog.Diff(before, project.AuditSnapshot()), project.Version, reason.Trim());
        return await SaveOrConflictAsync(project, expectedVersion, ct);
    }

    private async Task<Result<Project>> SaveOrConflictAsync(Project project, int expectedVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return project;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id, ct);
            return Result<Project>.Fail(await ConflictAsync(current, expectedVersion, ct));
        }
    }

    /// <summary>What changed since the version the writer read, and who changed it, from the audit log.</summary>
    private async Task<ConcurrencyConflict> ConflictAsync(Project current, int expectedVersion, CancellationToken ct)
    {
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == AuditType && a.EntityKey == current.Code && a.EntityVersion > expectedVersion)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var fields = since.SelectMany(AuditLog.ChangesOf).Select(c => c.Field).Distinct().ToList();
        var last = since.LastOrDefault();
        return new ConcurrencyConflict(current.Version, fields, last?.UserName, last?.AtUtc);
    }

    public static string VersionTag(int version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
}

public sealed record ProjectRights(bool Edit, bool EditAll, bool Retire, bool History);
