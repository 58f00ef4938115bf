using System.Diagnostics;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using KeyProjects.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// 逾期自动升级: every open problem past its deadline moves up the ladder, one level for each deadline it has missed
/// (<see cref="EscalationLadder.DueSteps"/>), with a history step, an audit entry and notice to the new level's owners.
/// Idempotent — the steps depend on the problem and the calendar, not on when or how often the sweep runs — and safe on
/// several servers: a database lease lets one run at a time, and each update is conditional on the level and deadline it
/// read, so a problem someone answered meanwhile is left alone.
/// </summary>
public sealed class EscalationSweep(AppDbContext db, TimeProvider clock, ProjectIndex index, WorkingDays workingDays, IOptions<ProblemOptions> options,
    ProblemNotices notices, ILogger<EscalationSweep> log)
{
    public const string LeaseName = "problems.escalation-sweep";
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);

    /// <summary>A run asked for by a user (the page's button, the API): only with the right to run it.</summary>
    public async Task<Domain.Common.Result<SweepResult>> RunByHandAsync(Actor actor, CancellationToken ct = default) =>
        actor.Can(Permission.RunEscalationSweep) ? await RunAsync(ct: ct) : Domain.Common.Result<SweepResult>.Fail(new Domain.Common.Forbidden("Problem.Error.MayNotSweep"));

    /// <summary>
    /// One run: escalate what is overdue at its level, then tell the new levels' owners, and the departments what falls due
    /// or went overdue. <paramref name="holder"/> names the lease holder (default: this process).
    /// </summary>
    public async Task<SweepResult> RunAsync(string? holder = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var today = Display.Today(clock);
        holder ??= JobLeases.Me;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await JobLeases.TryTakeAsync(db, LeaseName, holder, now, LeaseLength, ct))
            return new SweepResult(false, 0, 0, 0, today, watch.Elapsed.TotalMilliseconds);
        try
        {
            var numbers = await ChangeCounter.ReadAsync(db, ct);
            var s = await index.CurrentAsync(db, numbers, ct);
            var calendar = await workingDays.CurrentAsync(db, numbers, ct);
            var candidates = await db.Problems.AsNoTracking()
                .Where(ProblemService.IsOpen).Where(p => p.Deadline < today)
                .Select(p => new { p.Id, p.OrgId, p.ProjectId, p.Level, p.Deadline, p.Status, p.Version })
                .ToListAsync(ct);

            var read = watch.ElapsedMilliseconds;
            // Problems that read the same (ladder, level, deadline) take the same steps: one conditional UPDATE per group.
            var groups = candidates
                .Select(c => (c, Ladder: options.Value.LadderFor(c.OrgId, s.Orgs)))
                .Select(x => (x.c, Steps: x.Ladder.DueSteps(x.c.Status, x.c.Level, x.c.Deadline, today, calendar)))
                .Where(x => x.Steps.Count > 0)
                .GroupBy(x => (x.c.Level, x.c.Deadline, Last: x.Steps[^1]))
                .ToList();
            var system = Actor.System("escalation-sweep");
            var escalated = 0;
            var stepCount = 0;
            var moved = new List<EscalatedProblem>();
            foreach (var g in groups)
            {
                ct.ThrowIfCancellationRequested();
                var ids = g.Select(x => x.c.Id).ToList();
                var (level, deadline, last) = g.Key;
                var steps = g.First().Steps;
                await using var tx = await db.UnitOfWorkAsync(ct);
                var nowUtc = clock.GetUtcNow().UtcDateTime;
                var changed = 0;
                foreach (var chunk in ids.Chunk(500))
                    changed += await db.Problems
                        .Where(p => chunk.Contains(p.Id) && p.Level == level && p.Deadline == deadline).Where(ProblemService.IsOpen)
                        .ExecuteUpdateAsync(u => u.SetProperty(p => p.Level, last.ToLevel).SetProperty(p => p.Deadline, last.NewDeadline)
                            .SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAtUtc, nowUtc), ct);
                // Nothing moved (answered meanwhile): the transaction ends unwritten, without a commit or a change number.
                if (changed == 0) continue;
                // Those now at the new level and deadline are the ones this update moved (a concurrent answer left its problem out).
                var updated = changed == ids.Count
                    ? g.Select(x => x.c).ToList()
                    : (await MovedAsync(ids, last, ct)).Select(id => g.First(x => x.c.Id == id).c).ToList();
                // Written in bulk (BulkWriter, in this transaction): thousands of rows through EF's change tracker took seconds.
                var stepRows = new List<ProblemStep>(updated.Count * steps.Count);
                var auditRows = new List<AuditEntry>(updated.Count);
                foreach (var c in updated)
                {
                    foreach (var st in steps)
                        stepRows.Add(new ProblemStep
                        {
                            ProblemId = c.Id,
                            Action = ProblemAction.AutoEscalated,
                            FromStatus = c.Status,
                            ToStatus = c.Status,
                            FromLevel = st.FromLevel,
                            ToLevel = st.ToLevel,
                            Deadline = st.NewDeadline,
                            Note = Display.Date(st.On),
                            ActorId = system.UserId,
                            ActorName = system.UserName,
                            AtUtc = nowUtc,
                        });
                    auditRows.Add(AuditLog.Create(clock, system, ProblemService.AuditType, ProblemService.Key(c.Id), s.PathOf(c.OrgId) ?? "/", AuditAction.Updated,
                        AuditLog.Diff(
                            new Dictionary<string, string?> { [nameof(Problem.Level)] = Str(level), [nameof(Problem.Deadline)] = Display.Date(deadline) },
                            new Dictionary<string, string?> { [nameof(Problem.Level)] = Str(last.ToLevel), [nameof(Problem.Deadline)] = Display.Date(last.NewDeadline) }),
                        c.Version + 1, "逾期自动升级"));
                    moved.Add(new EscalatedProblem(c.Id, c.ProjectId, c.OrgId, last.ToLevel, last.NewDeadline));
                }
                await BulkWriter.InsertAsync(db, stepRows, ct);
                await BulkWriter.InsertAsync(db, auditRows, ct);
                await ChangeCounter.StampProblemsAsync(db, updated.Select(c => c.Id).ToList(), ct);
                await tx.CommitAsync(ct);
                escalated += updated.Count;
                stepCount += updated.Count * steps.Count;
            }
            var grouped = watch.ElapsedMilliseconds;
            if (moved.Count > 0) await notices.EscalatedAsync(moved, ct);
            var told = watch.ElapsedMilliseconds;
            await notices.DueAndOverdueAsync(ct);
            var due = watch.ElapsedMilliseconds;
            var pruned = await ChangeCounter.PruneProblemLogAsync(db, options.Value.ChangeLogKeep, ct);
            log.LogInformation("Escalation sweep {Today}: {Candidates} overdue, {Escalated} escalated in {Groups} groups in {Ms} ms " +
                "(read {Read} ms, moved {Moved} ms, escalation notices {Told} ms, due and overdue notices {Due} ms, {Pruned} change log rows pruned in {Prune} ms)",
                Display.Date(today), candidates.Count, escalated, groups.Count, watch.ElapsedMilliseconds, read, grouped - read, told - grouped, due - told,
                pruned, watch.ElapsedMilliseconds - due);
            AppMetrics.ProblemsEscalated.Add(escalated);
            return new SweepResult(true, candidates.Count, escalated, stepCount, today, watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            await JobLeases.ReleaseAsync(db, LeaseName, holder, CancellationToken.None);
        }
    }

    private Task<List<long>> MovedAsync(List<long> ids, EscalationStep last, CancellationToken ct) =>
        db.Problems.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Level == last.ToLevel && p.Deadline == last.NewDeadline).Select(p => p.Id).ToListAsync(ct);

    private static string Str(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A problem the sweep moved, for notices.</summary>
public sealed record EscalatedProblem(long Id, int ProjectId, int OrgId, int Level, DateOnly Deadline);
