using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Visits;

/// <summary>
/// 分包督导: recording a leader's visit (with photos and the problems raised), a month's visits, and the monthly
/// compliance of every leader of an organisation (全覆盖, and 南乐县's twice a month). Pages and API both come through here.
/// </summary>
public sealed class VisitService(AppDbContext db, TimeProvider clock, ProjectIndex projectIndex, PhotoService photos, IOptions<VisitOptions> options,
    Problems.ProblemService problems, Notices.NoticeService notices)
{
    public const string AuditType = "Visit";

    public DateOnly Today => Display.Today(clock);

    public int BackfillDays => options.Value.BackfillDays;

    public PhotoOptions PhotoLimits => photos.Limits;

    private ProjectSnapshot? _snapshot;
    private async Task<ProjectSnapshot> SnapshotAsync(CancellationToken ct) => _snapshot ??= await projectIndex.CurrentAsync(db, ct);

    /// <summary>
    /// Records a visit, its photos and the problems raised, all or nothing. A leader records their own visits to projects
    /// whose team names them; staff, inspectors and administrators record a visit of a named leader of the project.
    /// </summary>
    public async Task<Result<VisitView>> LogAsync(Actor actor, VisitInput input, IReadOnlyList<PhotoInput> photoInputs, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.LogVisits)) return Result<VisitView>.Fail(new Forbidden("Error.Visit.CannotLog"));
        if (string.IsNullOrWhiteSpace(input.ProjectCode)) return Result<VisitView>.Fail(new FieldInvalid("ProjectCode", "Error.Visit.ProjectRequired"));
        var s = await SnapshotAsync(ct);
        var code = ProjectCode.Normalize(input.ProjectCode);
        var project = s.FindByCode(code);
        if (project is null || !s.ScopeOf(actor).Contains(project)) return Result<VisitView>.Fail(new NotFound(ProjectService.AuditType, code));
        if (project.IsRetired) return Result<VisitView>.Fail(new RuleBroken("Error.Visit.ProjectRetired", project.Code));

        var leader = await LeaderForAsync(actor, project, input.LeaderName, ct);
        if (!leader.Succeeded) return Result<VisitView>.Fail(leader.Errors);

        var today = Today;
        var date = input.Date ?? today;
        var problems = VisitRules.ProblemLines(input.Problems);
        var errors = VisitRules.Validate(date, today, BackfillDays, input.Findings, problems).ToList();
        if (input.Type is { } t && !Enum.IsDefined(t)) errors.Add(new FieldInvalid("Type", "Error.ValueUnknown"));
        if (problems.Count > 0) errors.AddRange(await ProblemTargetErrorsAsync(project, input, ct));
        var checkedPhotos = await photos.CheckAllAsync(photoInputs, errors, ct);
        if (errors.Count > 0) return Result<VisitView>.Fail(errors);

        var visit = new Visit
        {
            ProjectId = project.Id,
            Date = date,
            LeaderName = leader.Value,
            Type = input.Type ?? VisitType.Inspection,
            Findings = input.Findings!.Trim(),
            Problems = [.. problems],
            RecordedById = actor.UserId,
            RecordedByName = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(visit);
        var orgPath = s.PathOf(project.OrgId) ?? "/";
        // The visit's id comes from the database; its photos and problems need it: one transaction, two saves.
        var entry = AuditLog.Add(db, clock, actor, AuditType, "", orgPath, AuditAction.Created, []);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        var saved = checkedPhotos.Select(p => photos.Attach(actor, project.Id, PhotoOwnerKind.Visit, visit.Id, p)).ToList();
        AuditLog.Complete(entry, visit.Id.ToString(CultureInfo.InvariantCulture), orgPath, AuditLog.Diff(null, new Dictionary<string, string?>
        {
            ["Project"] = project.Code,
            [nameof(Visit.Date)] = Display.Date(visit.Date),
            [nameof(Visit.LeaderName)] = visit.LeaderName,
            [nameof(Visit.Type)] = visit.Type.ToString(),
            [nameof(Visit.Findings)] = visit.Findings,
            [nameof(Visit.Problems)] = visit.Problems.Count == 0 ? null : string.Join("\n", visit.Problems),
            ["Photos"] = saved.Count == 0 ? null : string.Join(", ", saved.Select(p => p.Sha256[..12])),
        }), null);
        await RaiseProblemsAsync(actor, visit, project, orgPath, ct, input.ProblemCategory, input.ProblemDepartmentOrgId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var infos = saved.Select(p => new PhotoInfo(p.Id, visit.Id, p.ContentType, p.Width, p.Height, p.SizeBytes, p.Thumbnail is not null, p.Sha256)).ToList();
        return View(visit, project, s, infos);
    }

    /// <summary>
    /// The problems a leader raised on a visit, into the problem ledger (source 分包领导). Runs inside the visit's unit
    /// of work, after the visit has its id and before the final save; whatever it adds is saved and committed with the
    /// visit (or not at all). Each line becomes a problem of the category and department the leader chose (checked
    /// before the visit is saved), else of category 其他 for staff to assign (issue 13).
    /// </summary>
    public async Task RaiseProblemsAsync(Actor actor, Visit visit, IndexedProject project, string orgPath, CancellationToken ct,
        string? category = null, int? departmentOrgId = null)
    {
        foreach (var line in visit.Problems)
        {
            var raised = await problems.RaiseAsync(actor, new Problems.RaiseProblemRequest
            {
                ProjectCode = project.Code,
                Title = line,
                Description = Truncate($"{Display.Date(visit.Date)} {visit.LeaderName} 督导走访发现。{visit.Findings}", Domain.Problems.ProblemWorkflow.TextMaxLength),
                Category = category ?? nameof(Domain.Problems.ProblemCategory.Other),
                Source = nameof(Domain.Problems.ProblemSource.Leader),
                DepartmentOrgId = departmentOrgId,
            }, ct);
            if (!raised.Succeeded)
                throw new InvalidOperationException($"A visit's problem line was refused after the visit's own checks: {raised.Errors[0].MessageKey} ({orgPath}).");
        }
    }

    /// <summary>The visit's problems' category and department, checked as the ledger will check them, before anything is saved.</summary>
    private async Task<IReadOnlyList<DomainError>> ProblemTargetErrorsAsync(IndexedProject project, VisitInput input, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        if (input.ProblemCategory is { } c && !(Enum.TryParse<Domain.Problems.ProblemCategory>(c, true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(c, out _)))
            errors.Add(new FieldInvalid("ProblemCategory", "Problem.Error.Category", c));
        if (input.ProblemDepartmentOrgId is { } d)
            errors.AddRange((await problems.CheckDepartmentAsync(project, d, ct)).Select(e => e is FieldInvalid f ? f with { Field = "ProblemDepartmentOrgId" } : e));
        return errors;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>Who the visit is of: the caller themselves when a leader, else a leader named on the project's team.</summary>
    private async Task<Result<string>> LeaderForAsync(Actor actor, IndexedProject project, string? named, CancellationToken ct)
    {
        if (actor.Role == Role.Leader)
        {
            var own = await OwnLeaderNameAsync(actor, ct) ?? "";
            if (!string.IsNullOrWhiteSpace(named) && !LeaderNames.Same(named, own))
                return Result<string>.Fail(new Forbidden("Error.Visit.OnlyOwnVisits"));
            var held = project.Leaders.FirstOrDefault(l => LeaderNames.Same(l, own));
            return held is null ? Result<string>.Fail(new Forbidden("Error.Visit.NotYourProject")) : LeaderNames.Normalize(held);
        }
        if (string.IsNullOrWhiteSpace(named)) return Result<string>.Fail(new FieldInvalid("LeaderName", "Error.Visit.LeaderRequired"));
        var leader = project.Leaders.FirstOrDefault(l => LeaderNames.Same(l, named));
        if (leader is null)
            return Result<string>.Fail(new FieldInvalid("LeaderName", "Error.Visit.LeaderNotOnTeam", named.Trim(),
                project.Leaders.Count == 0 ? "—" : string.Join("、", project.Leaders)));
        return LeaderNames.Normalize(leader);
    }

    /// <summary>
    /// 督导提醒: from <see cref="VisitOptions.RemindFromDay"/> of a month, every leader user who still owes visits this month
    /// (还差 N 次) gets one notice for the month. Meant for the daily job; returns how many were told.
    /// </summary>
    public async Task<int> RemindShortfallsAsync(CancellationToken ct = default)
    {
        var today = Display.Today(clock);
        if (today.Day < options.Value.RemindFromDay) return 0;
        var month = Period.Of(today);
        var leaders = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == Role.Leader)
            .Select(u => new { u.Id, u.DisplayName, u.OrgId, Path = u.Org!.Path }).ToListAsync(ct);
        var told = 0;
        foreach (var org in leaders.GroupBy(l => (l.OrgId, l.Path)))
        {
            var reader = new Actor { UserId = "system", UserName = "system:visit-reminder", Role = Role.Leader, OrgId = org.Key.OrgId, OrgPath = org.Key.Path, Channel = "system" };
            var report = await ComplianceAsync(reader, org.Key.OrgId, month, ct);
            if (!report.Succeeded) continue;
            foreach (var user in org)
            {
                var name = LeaderNames.Of(user.DisplayName);
                if (report.Value.Result.Leaders.FirstOrDefault(l => LeaderNames.Same(l.LeaderName, name)) is not { Shortfall: > 0 } row) continue;
                told += await notices.NotifyAsync([user.Id], Domain.Notices.NoticeKind.VisitShortfall, $"visits:{user.Id}:{month}",
                    $"/visits/compliance?month={month}", [row.LeaderName, month.ToString(), row.Shortfall.ToString(CultureInfo.InvariantCulture)], ct);
            }
        }
        return told;
    }

    /// <summary>A leader user's name as teams write it (the last word of their display name); null for other roles.</summary>
    public async Task<string?> OwnLeaderNameAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != Role.Leader) return null;
        var display = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return LeaderNames.Of(display);
    }

    /// <summary>The projects the caller may record a visit for: a leader's own, or every active project with a leader in the subtree.</summary>
    public async Task<VisitFormData> FormAsync(Actor actor, string? selectedCode, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var own = await OwnLeaderNameAsync(actor, ct);
        var projects = s.ScopeOf(actor).Projects
            .Where(p => !p.IsRetired && p.Leaders.Count > 0 && (own is null || p.Leaders.Any(l => LeaderNames.Same(l, own))))
            .Select(p => new VisitableProject(p.Code, p.Name, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "", p.Leaders))
            .ToList();
        var selected = selectedCode is null ? null : ProjectCode.Normalize(selectedCode);
        var departments = await problems.DepartmentsForAsync(actor.OrgId, ct);
        return new VisitFormData(projects, own, projects.Any(p => p.Code == selected) ? selected : null, Today, BackfillDays)
        {
            Departments = departments,
            Owners = await problems.OwnersOfAsync(departments, ct),
        };
    }

    /// <summary>A month's visits in an organisation's subtree (default: the caller's node), newest first; of one project or leader if named.</summary>
    public async Task<Result<VisitMonth>> ListAsync(Actor actor, int? orgId, Period month, string? projectCode, string? leaderName, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var org = OrgOf(actor, orgId, s);
        if (org is null) return Result<VisitMonth>.Fail(new NotFound("Organisation", (orgId ?? actor.OrgId).ToString(CultureInfo.InvariantCulture)));
        var scope = s.ScopeOf(actor);
        IndexedProject? only = null;
        if (!string.IsNullOrWhiteSpace(projectCode))
        {
            var code = ProjectCode.Normalize(projectCode);
            only = s.FindByCode(code);
            if (only is null || !scope.Contains(only)) return Result<VisitMonth>.Fail(new NotFound(ProjectService.AuditType, code));
        }
        var (first, last) = (month.FirstDay, month.LastDay);
        var q = db.Visits.AsNoTracking().Where(v => v.Date >= first && v.Date <= last);
        if (only is not null) q = q.Where(v => v.ProjectId == only.Id);
        var rows = await q.OrderByDescending(v => v.Date).ThenByDescending(v => v.Id).ToListAsync(ct);
        var leader = string.IsNullOrWhiteSpace(leaderName) ? null : LeaderNames.Normalize(leaderName);
        rows = rows.Where(v => s.ById.TryGetValue(v.ProjectId, out var p) && scope.Contains(p) && new Subtree(org.Path).HoldsOnList(s.PlacesOf(p))
                               && (leader is null || LeaderNames.Same(v.LeaderName, leader))).ToList();
        var pictures = await photos.ListAsync(actor, PhotoOwnerKind.Visit, rows.Select(v => v.Id).ToList(), ct);
        var views = rows.Select(v => View(v, s.ById[v.ProjectId], s, pictures[v.Id].ToList())).ToList();
        return new VisitMonth(org.Id, org.Name, month, only?.Code, leader, views);
    }

    /// <summary>
    /// Every leader holding a project of the organisation's subtree in the month (projects not retired and not completed
    /// before the month began), what they hold, how often they went, and what is still owed or was missed.
    /// </summary>
    public async Task<Result<ComplianceReport>> ComplianceAsync(Actor actor, int? orgId, Period month, CancellationToken ct = default)
    {
        var s = await SnapshotAsync(ct);
        var org = OrgOf(actor, orgId, s);
        if (org is null) return Result<ComplianceReport>.Fail(new NotFound("Organisation", (orgId ?? actor.OrgId).ToString(CultureInfo.InvariantCulture)));
        var first = month.FirstDay;
        var held = s.ScopeOf(actor).Projects
            .Where(p => !p.IsRetired && p.Leaders.Count > 0 && (p.ActualCompletion is null || p.ActualCompletion >= first)
                        && new Subtree(org.Path).HoldsOnList(s.PlacesOf(p)))
            .ToList();
        var settings = options.Value;
        var required = new Dictionary<int, int>();
        var holdings = new List<Holding>();
        foreach (var p in held)
        {
            if (!required.TryGetValue(p.OrgId, out var n)) required[p.OrgId] = n = settings.RequiredFor(p.OrgId, s.Orgs);
            foreach (var l in p.Leaders.Select(LeaderNames.Normalize).Where(l => l.Length > 0).Distinct())
                holdings.Add(new Holding(l, p.Id, n));
        }
        var last = month.LastDay;
        var ids = held.Select(p => p.Id).ToHashSet();
        var visits = (await db.Visits.AsNoTracking().Where(v => v.Date >= first && v.Date <= last)
                .Select(v => new { v.LeaderName, v.ProjectId, v.Date }).ToListAsync(ct))
            .Where(v => ids.Contains(v.ProjectId))
            .Select(v => new VisitFact(v.LeaderName, v.ProjectId, v.Date));
        var result = VisitCompliance.Of(month, Today, holdings, visits);
        return new ComplianceReport(org.Id, org.Name, month, Today, result, held.ToDictionary(p => p.Id), s.Orgs.ToDictionary(o => o.Key, o => o.Value.Name));
    }

    /// <summary>The organisation asked for (default the caller's own) if it is in the caller's subtree.</summary>
    private static IndexedOrg? OrgOf(Actor actor, int? orgId, ProjectSnapshot s) =>
        s.Orgs.TryGetValue(orgId ?? actor.OrgId, out var o) && actor.Covers(o.Path) ? o : null;

    private static VisitView View(Visit v, IndexedProject p, ProjectSnapshot s, IReadOnlyList<PhotoInfo> pictures) =>
        new(v.Id, p.Code, p.Name, s.Orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "", v.Date, v.LeaderName, v.Type, v.Findings, v.Problems,
            v.RecordedByName, v.CreatedAtUtc, pictures);
}
