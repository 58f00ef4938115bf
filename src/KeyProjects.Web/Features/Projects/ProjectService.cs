using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// The registry's use cases. The UI, the REST API, the Excel import and the demo seeder all come through here, so
/// scope (the caller's subtree), permissions, validation, audit and concurrency are the same for all of them.
/// </summary>
public sealed class ProjectService(AppDbContext db, TimeProvider clock, OrgService orgs, ProjectIndex index)
{
    public const string AuditType = "Project";
    public const int MaxReasonLength = 500;

    /// <summary>Projects the actor may see (<see cref="Subtree.HoldsProject"/>): on a list of their subtree, or built by or answerable to a node of it.</summary>
    public IQueryable<Project> Visible(Actor actor) =>
        actor.Subtree.IsWhole ? db.Projects : db.Projects.Where(InSubtree(actor.Subtree));

    /// <summary>The SQL form of the scope rule for projects, over the paths of the project's region, unit and responsible department.</summary>
    public static System.Linq.Expressions.Expression<Func<Project, bool>> InSubtree(Subtree subtree) =>
        subtree.HoldingProject<Project>(p => p.Org!.Path, p => p.UnitOrg!.Path, p => p.ResponsibleOrg!.Path);

    /// <summary>Where a loaded project sits (its Org, UnitOrg and ResponsibleOrg included).</summary>
    public static ProjectPlaces PlacesOf(Project project) => new(project.Org?.Path, project.UnitOrg?.Path, project.ResponsibleOrg?.Path);

    private ProjectSnapshot? _snapshot;

    /// <summary>The registry as this request sees it: read once per request (the service lives as long as the request).</summary>
    private async Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await index.CurrentAsync(db, ct);

    /// <summary>
    /// The list year when the caller names none: the latest year, up to next year, in which any visible project has
    /// a plan. In January, before this year's plans are entered, the list still shows last year's ledger.
    /// </summary>
    public async Task<int> DefaultPlanYearAsync(Actor actor, CancellationToken ct = default) =>
        DefaultPlanYear((await SnapshotAsync(ct)).ScopeOf(actor));

    private int DefaultPlanYear(ProjectScope scope)
    {
        var limit = Display.Today(clock).Year + 1;
        foreach (var year in scope.ActiveYears)
            if (year <= limit) return year;
        return Display.Today(clock).Year;
    }

    public async Task<IReadOnlyList<int>> PlanYearsAsync(Actor actor, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).ScopeOf(actor).Years;

    /// <summary>The caller's regions, from the in-memory index (no query when nothing changed).</summary>
    public async Task<IReadOnlyList<OrgNode>> RegionsAsync(Actor actor, CancellationToken ct = default) =>
        (await SnapshotAsync(ct)).ScopeOf(actor).Regions;

    /// <summary>
    /// The projects a filter selects for the caller, in its order, with the 合计: from the snapshot's selections when the
    /// same filter was asked before in this snapshot (paging, the same list opened again), else one pass (below).
    /// </summary>
    private ProjectListSelection Select(ProjectSnapshot s, Actor actor, ProjectFilter f)
    {
        var scope = s.ScopeOf(actor);
        var planYear = f.Year ?? DefaultPlanYear(scope);
        string? orgPath = null;
        if (f.OrgId is { } orgId)
            // A node outside the caller's subtree selects nothing rather than revealing what it holds.
            orgPath = s.PathOf(orgId) is { } path && actor.Covers(path) ? path : "\u0000";
        var text = string.IsNullOrWhiteSpace(f.Text) ? null : f.Text.Trim().ToUpperInvariant();
        var key = new ProjectListKey(scope, orgPath, planYear, f.AllYears, f.Level is ProjectLevel.None ? null : f.Level, f.List, f.Stage, f.Sector,
            f.Investment, f.Construction, text, f.IncludeRetired, f.Sort, f.Descending);
        return s.Selection(key, k => Select(s, k));
    }

    /// <summary>
    /// One pass over the projects in the order asked for (sorted once per snapshot, ties in code order): keep the
    /// caller's that match and add up the 合计.
    /// </summary>
    private static ProjectListSelection Select(ProjectSnapshot s, ProjectListKey f)
    {
        var scope = f.Scope;
        var planYear = f.PlanYear;
        var year = f.AllYears ? null : (int?)planYear;
        var orgPath = f.OrgPath;
        var text = f.Text;
        var code = text is null ? null : ProjectCode.Normalize(text);

        // The projects come in the order asked for, so selecting them is one pass and the result needs no sorting.
        var source = f.Sort == ProjectSort.Code && !f.Descending ? scope.Projects : s.Ordered(f.Sort, f.Descending, planYear);
        var restrict = !ReferenceEquals(source, scope.Projects) && !scope.All;
        var rows = new List<IndexedProject>();
        decimal sumTotal = 0, sumPlan = 0;
        int newCount = 0, continuingCount = 0;
        foreach (var p in source)
        {
            if (restrict && !scope.Contains(p)) continue;
            if (p.IsRetired && !f.IncludeRetired) continue;
            if (orgPath is not null && !new Subtree(orgPath).Holds(s.PathOf(p.OrgId))) continue;
            if (f.Level is { } level and not ProjectLevel.None && (p.Levels & level) != level) continue;
            if (f.List is { } list && !p.Lists.Contains(list)) continue;
            if (f.Stage is { } stage && p.Stage != stage) continue;
            if (f.Sector is { } sector && p.Sector != sector) continue;
            if (f.Investment is { } investment && p.InvestmentKind != investment) continue;
            var plan = p.PlanFor(planYear);
            if (year is not null && plan is null) continue;
            if (f.Construction is { } kind && plan?.Kind != kind) continue;
            if (text is not null && !p.SearchText.Contains(text, StringComparison.Ordinal) && !p.Code.Contains(code!, StringComparison.Ordinal)) continue;
            rows.Add(p);
            sumTotal += p.TotalInvestment;
            if (plan is { } y)
            {
                sumPlan += y.Plan;
                if (y.Kind == ConstructionKind.New) newCount++; else continuingCount++;
            }
        }
        return new ProjectListSelection([.. rows], planYear, sumTotal, sumPlan, newCount, continuingCount);
    }

    public async Task<ProjectPage> ListAsync(Actor actor, ProjectFilter filter, CancellationToken ct = default)
    {
        var f = filter with
        {
            Page = Math.Max(1, filter.Page),
            PageSize = filter.PageSize == ProjectFilter.AllRows ? filter.PageSize : Math.Clamp(filter.PageSize, 1, ProjectFilter.MaxPageSize),
        };
        var s = await SnapshotAsync(ct);
        var selection = Select(s, actor, f);
        if (f.PageSize == ProjectFilter.AllRows) f = f with { Page = 1, PageSize = Math.Max(1, selection.Count) };
        var planYear = selection.PlanYear;
        var page = Math.Min(f.Page, Math.Max(1, (selection.Count + f.PageSize - 1) / f.PageSize));
        var items = new List<ProjectRow>(f.PageSize);
        foreach (var p in selection.Take((page - 1) * f.PageSize, f.PageSize))
        {
            var plan = p.PlanFor(planYear);
            items.Add(new ProjectRow(p.Code, p.Name, p.OrgId, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "", p.Location, p.UnitName, p.ResponsibleUnit,
                p.Levels, p.Stage, p.Sector, p.TotalInvestment, plan?.Plan, plan?.Kind, p.PlannedStart, p.PlannedCompletion, p.IsRetired, p.Leaders));
        }
        return new ProjectPage(items, selection.Count, page, f.PageSize, planYear, selection.SumTotal, selection.SumPlan, selection.NewCount, selection.ContinuingCount);
    }

    /// <summary>
    /// Every project the filter selects, in the list's order, with what the ledger export needs, read from the
    /// database a chunk at a time so that an export of the whole province never holds it all in memory.
    /// </summary>
    public async Task<(int PlanYear, IReadOnlyDictionary<int, IndexedOrg> Orgs, IAsyncEnumerable<Project> Projects)> ListForExportAsync(
        Actor actor, ProjectFilter filter, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var selection = Select(s, actor, filter);
        var ids = selection.Rows.Select(r => r.Id).ToList();
        return (selection.PlanYear, s.Orgs, Chunks(ids, ct));
    }

    private async IAsyncEnumerable<Project> Chunks(List<int> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(ExportChunk))
        {
            var loaded = await db.Projects.AsNoTracking()
                .Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
                .Where(p => chunk.Contains(p.Id)).AsSplitQuery().ToDictionaryAsync(p => p.Id, ct);
            foreach (var id in chunk)
                if (loaded.TryGetValue(id, out var p)) yield return p;
        }
    }

    private const int ExportChunk = 1000;

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

    /// <summary>A project with what the actor may do with it, for the pages.</summary>
    public async Task<Result<ProjectView>> ViewAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var project = await GetAsync(actor, code, ct);
        return project.Succeeded ? new ProjectView(project.Value, RightsOf(actor, project.Value)) : Result<ProjectView>.Fail(project.Errors);
    }

    /// <summary>What the actor may do with a project they can see (<see cref="Rights.OnProject"/>).</summary>
    private static ProjectRights RightsOf(Actor actor, Project project) => Rights.OnProject(actor, PlacesOf(project));

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
            await using var tx = await db.UnitOfWorkAsync(ct);
            project.ChangeSeq = await ChangeCounter.NextAsync(db, Counter.Projects, 1, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _snapshot = null;
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
            await using var tx = await db.UnitOfWorkAsync(ct);
            project.ChangeSeq = await ChangeCounter.NextAsync(db, Counter.Projects, 1, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _snapshot = null;
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

/// <summary>A project as a page shows it: the record and what the viewer may do with it.</summary>
public sealed record ProjectView(Project Project, ProjectRights Rights);
