using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Milestones;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>
/// 倒排工期 and 按月排进度 for one project: milestones with their date changes, and the monthly planned-investment
/// schedule. The pages and the API both come through here, so scope, rights, rules, audit and concurrency are one.
/// </summary>
public sealed class MilestoneService(AppDbContext db, TimeProvider clock, ProjectService projects)
{
    public const string MilestoneAudit = "Milestone";
    public const string MonthlyPlanAudit = "MonthlyPlan";

    /// <summary>Who plans a project's milestones and months (<see cref="Rights.MayPlanMilestones"/>).</summary>
    private static bool MayPlan(Actor actor, Project project) =>
        Rights.MayPlanMilestones(actor, ProjectService.PlacesOf(project), project.IsRetired);

    private Task<Project?> FindAsync(Actor actor, string code, CancellationToken ct) =>
        projects.Visible(actor).AsNoTracking()
            .Include(p => p.Org).Include(p => p.UnitOrg).Include(p => p.YearPlans)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == ProjectCode.Normalize(code), ct);

    private static DomainError ProjectNotFound(string code) => new NotFound(ProjectService.AuditType, ProjectCode.Normalize(code));

    public DateOnly Today => Display.Today(clock);

    /// <summary>A project's milestones in their order, each with its changes, oldest first.</summary>
    public async Task<Result<MilestonePlan>> PlanAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var project = await FindAsync(actor, code, ct);
        if (project is null) return Result<MilestonePlan>.Fail(ProjectNotFound(code));
        var milestones = await db.Milestones.AsNoTracking().Include(m => m.Changes)
            .Where(m => m.ProjectId == project.Id).ToListAsync(ct);
        milestones = milestones.OrderBy(m => m.SortOrder).ThenBy(m => m.PlannedDate).ThenBy(m => m.Id).ToList();
        foreach (var m in milestones) m.Changes = m.Changes.OrderBy(c => c.Id).ToList();
        return new MilestonePlan(project, milestones, MayPlan(actor, project), Today);
    }

    public async Task<Result<Milestone>> CreateAsync(Actor actor, string code, MilestoneDraft draft, CancellationToken ct = default)
    {
        var project = await FindAsync(actor, code, ct);
        if (project is null) return Result<Milestone>.Fail(ProjectNotFound(code));
        if (!MayPlan(actor, project)) return Result<Milestone>.Fail(new Forbidden("Error.Milestone.CannotPlan"));
        var errors = MilestoneRules.Validate(draft, Today).ToList();
        if (errors.Count > 0) return Result<Milestone>.Fail(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var planned = draft.PlannedDate!.Value;
        var milestone = new Milestone
        {
            ProjectId = project.Id,
            Name = draft.Name.Trim(),
            Owner = Clean(draft.Owner),
            BaselineDate = planned,
            PlannedDate = planned,
            ActualDate = draft.ActualDate,
            SortOrder = draft.SortOrder,
            Note = Clean(draft.Note),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            Version = 1,
        };
        db.Add(milestone);
        // The key people know a milestone by includes its id, which the database gives: the entry is completed after the
        // first save, in the same transaction.
        var entry = AuditLog.Add(db, clock, actor, MilestoneAudit, project.Code, project.Org!.Path, AuditAction.Created, [], 1);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Complete(entry, KeyOf(project.Code, milestone.Id), project.Org.Path, AuditLog.Diff(null, milestone.AuditSnapshot()), 1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return milestone;
    }

    public static string KeyOf(string projectCode, int milestoneId) => projectCode + "#" + milestoneId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Edits a milestone. The baseline never changes; a new planned date needs a coded reason and is written as a
    /// <see cref="MilestoneChange"/>. An actual date may be recorded, corrected or cleared.
    /// </summary>
    public async Task<Result<Milestone>> UpdateAsync(Actor actor, string code, int id, int expectedVersion, MilestoneDraft draft,
        DateChangeReason? reason, CancellationToken ct = default)
    {
        var project = await FindAsync(actor, code, ct);
        if (project is null) return Result<Milestone>.Fail(ProjectNotFound(code));
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == id && m.ProjectId == project.Id, ct);
        if (milestone is null) return Result<Milestone>.Fail(new NotFound(MilestoneAudit, id.ToString(CultureInfo.InvariantCulture)));
        if (!MayPlan(actor, project)) return Result<Milestone>.Fail(new Forbidden("Error.Milestone.CannotPlan"));
        if (milestone.Version != expectedVersion) return Result<Milestone>.Fail(await ConflictAsync(project.Code, milestone, expectedVersion, ct));
        var errors = MilestoneRules.Validate(draft, Today).ToList();
        if (draft.PlannedDate is { } wanted) errors.AddRange(MilestoneRules.ValidateDateChange(milestone.PlannedDate, wanted, reason));
        if (errors.Count > 0) return Result<Milestone>.Fail(errors);

        var before = milestone.AuditSnapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        var newDate = draft.PlannedDate!.Value;
        string? why = null;
        if (newDate != milestone.PlannedDate)
        {
            var note = Clean(reason!.Note);
            db.Add(new MilestoneChange
            {
                MilestoneId = milestone.Id,
                ProjectId = project.Id,
                OldDate = milestone.PlannedDate,
                NewDate = newDate,
                Reason = reason.Code!.Value,
                Note = note,
                UserId = actor.UserId,
                UserName = actor.UserName,
                AtUtc = now,
            });
            why = reason.Code.Value + (note is null ? "" : ": " + note);
        }
        milestone.Name = draft.Name.Trim();
        milestone.Owner = Clean(draft.Owner);
        milestone.PlannedDate = newDate;
        milestone.ActualDate = draft.ActualDate;
        milestone.SortOrder = draft.SortOrder;
        milestone.Note = Clean(draft.Note);
        var changes = AuditLog.Diff(before, milestone.AuditSnapshot());
        if (changes.Count == 0) return milestone;

        milestone.Version++;
        milestone.UpdatedAtUtc = now;
        AuditLog.Add(db, clock, actor, MilestoneAudit, KeyOf(project.Code, milestone.Id), project.Org!.Path, AuditAction.Updated, changes, milestone.Version, why);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return milestone;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            return Result<Milestone>.Fail(await ConflictAsync(project.Code, current, expectedVersion, ct));
        }
    }

    private async Task<ConcurrencyConflict> ConflictAsync(string code, Milestone current, int expectedVersion, CancellationToken ct)
    {
        var key = KeyOf(code, current.Id);
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == MilestoneAudit && a.EntityKey == key && a.EntityVersion > expectedVersion)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var last = since.LastOrDefault();
        return new ConcurrencyConflict(current.Version, since.SelectMany(AuditLog.ChangesOf).Select(c => c.Field).Distinct().ToList(), last?.UserName, last?.AtUtc);
    }

    // ---- 按月排进度

    /// <summary>The year's monthly plan (zeros where nothing is planned), the annual plan it must add up to, and last year's split.</summary>
    public async Task<Result<MonthlyPlanView>> MonthlyPlanAsync(Actor actor, string code, int year, CancellationToken ct = default)
    {
        if (year is < ProjectRules.MinYear or > ProjectRules.MaxYear)
            return Result<MonthlyPlanView>.Fail(new FieldInvalid("Year", "Error.Project.YearOutOfRange", ProjectRules.MinYear, ProjectRules.MaxYear));
        var project = await FindAsync(actor, code, ct);
        if (project is null) return Result<MonthlyPlanView>.Fail(ProjectNotFound(code));
        var rows = await db.ProjectMonthlyPlans.AsNoTracking()
            .Where(p => p.ProjectId == project.Id && (p.Year == year || p.Year == year - 1)).ToListAsync(ct);
        var annual = project.YearPlans.FirstOrDefault(y => y.Year == year)?.PlannedInvestment;
        return new MonthlyPlanView(project, year, annual, AmountsOf(rows, year), AmountsOf(rows, year - 1),
            VersionOf(rows.Where(r => r.Year == year)), rows.Any(r => r.Year == year), MayPlan(actor, project));
    }

    private static decimal[] AmountsOf(IEnumerable<ProjectMonthlyPlan> rows, int year)
    {
        var result = new decimal[MonthlyPlanRules.Months];
        foreach (var r in rows.Where(r => r.Year == year && r.Month is >= 1 and <= MonthlyPlanRules.Months)) result[r.Month - 1] = r.PlannedInvestment;
        return result;
    }

    /// <summary>The version of a year's plan is the change number of its last save; 0 before the first.</summary>
    private static long VersionOf(IEnumerable<ProjectMonthlyPlan> rows) => rows.Select(r => r.ChangeSeq).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Writes all twelve months of a year in one save, stamped with one progress change number. A month not planned is
    /// written as 0, never deleted, so the metrics index sees it change. Refused when someone saved the year since
    /// <paramref name="expectedVersion"/> was read.
    /// </summary>
    public async Task<Result<MonthlyPlanView>> SaveMonthlyPlanAsync(Actor actor, string code, int year, long expectedVersion,
        IReadOnlyList<decimal> amounts, CancellationToken ct = default)
    {
        var view = await MonthlyPlanAsync(actor, code, year, ct);
        if (!view.Succeeded) return view;
        var project = view.Value.Project;
        if (!MayPlan(actor, project)) return Result<MonthlyPlanView>.Fail(new Forbidden("Error.Milestone.CannotPlan"));
        if (view.Value.Version != expectedVersion) return Result<MonthlyPlanView>.Fail(await PlanConflictAsync(project.Code, year, view.Value.Version, expectedVersion, ct));
        var errors = MonthlyPlanRules.Validate(amounts, view.Value.AnnualPlan).ToList();
        if (errors.Count > 0) return Result<MonthlyPlanView>.Fail(errors);

        var before = Snapshot(view.Value.Amounts, view.Value.Exists);
        var after = Snapshot(amounts, true);
        var changes = AuditLog.Diff(before, after);
        if (changes.Count == 0) return view;

        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            // Taking the number locks the counter row until commit: savers of plans go one at a time from here, so the
            // version read below is the one this save replaces.
            var seq = await ChangeCounter.NextAsync(db, Counter.Progress, 1, ct);
            var rows = await db.ProjectMonthlyPlans.Where(p => p.ProjectId == project.Id && p.Year == year).ToListAsync(ct);
            var current = VersionOf(rows);
            if (current != expectedVersion)
            {
                db.ChangeTracker.Clear();
                return Result<MonthlyPlanView>.Fail(await PlanConflictAsync(project.Code, year, current, expectedVersion, ct));
            }
            for (var month = 1; month <= MonthlyPlanRules.Months; month++)
            {
                var row = rows.FirstOrDefault(r => r.Month == month);
                if (row is null) db.Add(row = new ProjectMonthlyPlan { ProjectId = project.Id, Year = year, Month = month });
                row.PlannedInvestment = amounts[month - 1];
                row.ChangeSeq = seq;
            }
            AuditLog.Add(db, clock, actor, MonthlyPlanAudit, PlanKey(project.Code, year), project.Org!.Path,
                view.Value.Exists ? AuditAction.Updated : AuditAction.Created, changes, VersionNumber(seq));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency token that moved, or a first save of the same year by someone else (the key refused it).
            db.ChangeTracker.Clear();
            var now = await MonthlyPlanAsync(actor, code, year, ct);
            if (!now.Succeeded || now.Value.Version == expectedVersion) throw;
            return Result<MonthlyPlanView>.Fail(await PlanConflictAsync(project.Code, year, now.Value.Version, expectedVersion, ct));
        }
        db.ChangeTracker.Clear();
        return await MonthlyPlanAsync(actor, code, year, ct);
    }

    public static string PlanKey(string code, int year) => code + "/" + year.ToString(CultureInfo.InvariantCulture);

    private static int VersionNumber(long seq) => seq > int.MaxValue ? int.MaxValue : (int)seq;

    private static SortedDictionary<string, string?> Snapshot(IReadOnlyList<decimal> amounts, bool exists)
    {
        var s = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (!exists) return s;
        for (var i = 0; i < amounts.Count; i++)
            s[$"Month[{(i + 1).ToString("00", CultureInfo.InvariantCulture)}]"] = amounts[i].ToString("0.####", CultureInfo.InvariantCulture);
        return s;
    }

    private async Task<ConcurrencyConflict> PlanConflictAsync(string code, int year, long current, long expected, CancellationToken ct)
    {
        var key = PlanKey(code, year);
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == MonthlyPlanAudit && a.EntityKey == key && a.EntityVersion > expected)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var last = since.LastOrDefault();
        return new ConcurrencyConflict(VersionNumber(current), since.SelectMany(AuditLog.ChangesOf).Select(c => c.Field).Distinct().ToList(), last?.UserName, last?.AtUtc);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A project's milestones as of <see cref="AsOf"/>, and whether the caller may change them.</summary>
public sealed record MilestonePlan(Project Project, IReadOnlyList<Milestone> Milestones, bool MayPlan, DateOnly AsOf);

/// <summary>A year's monthly plan: twelve amounts (万元), the annual plan they add up to (none when the project has no plan for the year).</summary>
public sealed record MonthlyPlanView(Project Project, int Year, decimal? AnnualPlan, decimal[] Amounts, decimal[] LastYear, long Version, bool Exists, bool MayPlan)
{
    public decimal Total => Amounts.Sum();
}
