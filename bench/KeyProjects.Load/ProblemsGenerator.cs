using System.Diagnostics;
using KeyProjects.Dataset;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Features.Users;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Load;

/// <summary>
/// <c>problems</c>, run after <c>generate</c> (issue 4, point 11): the people and departments a problem ledger needs, then
/// 100,000 problems (<see cref="ProvinceProblems"/>) with their history.
/// <list type="bullet">
/// <item>Five departments (<see cref="ProvinceProblems.Departments"/>) under each of the 200 units, through
/// <see cref="OrgService"/> (1,000 organisations).</item>
/// <item>Users, through <see cref="UserService"/> with the administrator's password: a 工作人员 (Staff) at each unit,
/// <c>bench-staff-NNN</c> for the NNN-th unit of <see cref="ProvinceUnits.All"/> (the load driver logs them in). Through
/// Identity's <see cref="UserManager{TUser}"/> without a password (they only receive notices, creating them is faster):
/// a 首席服务官 and a 领导 at each unit and one user of each department.</item>
/// <item>The problems and their steps in bulk (<see cref="BulkWriter"/>), 5,000 problems a transaction, with no AuditEntry
/// (raising them through <c>ProblemService.RaiseAsync</c> would write one each; that path is measured over HTTP).</item>
/// </list>
/// The dates are relative to <c>--today</c> (default: today in China on this machine's clock, which the server uses).
/// Running it again on a database that holds problems does nothing.
/// </summary>
public static class ProblemsGenerator
{
    private const int Batch = 5_000;

    public static string StaffUser(int unitIndex) => $"bench-staff-{unitIndex:000}";

    public static async Task<int> RunAsync(Options o)
    {
        var (provider, connection) = AppHost.DatabaseOf(o);
        var count = o.Int("problems", ProvinceProblems.DefaultCount);
        var seed = o.Int("seed", ProvinceProblems.DefaultSeed);
        var projectCount = o.Int("projects", ProvinceProjects.DefaultCount);
        var projectSeed = o.Int("project-seed", ProvinceProjects.DefaultSeed);
        var lastSweep = o.Int("last-sweep-days-ago", ProvinceProblems.DefaultLastSweepDaysAgo);
        var password = o.Get("admin-password") ?? Generator.DefaultAdminPassword;
        var total = Stopwatch.StartNew();
        await using var host = new AppHost(provider, connection, password) { RealClock = true };
        var services = host.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var today = o.Get("today") is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd") : Display.Today(clock);

        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Problems.AnyAsync())
            {
                Console.WriteLine($"problems: the database already holds {await db.Problems.CountAsync()} problems; nothing more to do.");
                return 0;
            }
        }

        var (units, departments) = await EnsureDepartmentsAsync(services);
        Console.WriteLine($"problems: {departments.Count} departments at {total.Elapsed.TotalSeconds:0.0} s");
        var users = await EnsureUsersAsync(services, units, departments, password);
        Console.WriteLine($"problems: {users} users created at {total.Elapsed.TotalSeconds:0.0} s");

        Dictionary<string, (int Id, int OrgId)> projectIds;
        WorkingCalendar calendar;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            projectIds = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Code, p => (p.Id, p.OrgId));
            calendar = await scope.ServiceProvider.GetRequiredService<WorkingDays>().CurrentAsync(db, default);
        }
        var generated = ProvinceProjects.Generate(projectCount, projectSeed).ToList();
        var projects = generated.Select(p => projectIds.TryGetValue(ProjectCode.Normalize(p.Draft.Code), out var id)
            ? id : throw new InvalidOperationException($"Project {p.Draft.Code} is not in the database: generate with the same --projects and --project-seed.")).ToArray();

        var byStatus = new Dictionary<ProblemStatus, int>();
        long steps = 0;
        int overdue = 0, dueToday = 0, escalateNow = 0, escalationSteps = 0, multi = 0;
        var ladder = EscalationLadder.Default;
        var timer = Stopwatch.StartNew();
        foreach (var chunk in ProvinceProblems.Generate(generated.Select(p => p.Unit).ToList(), today, calendar, count, seed, lastSweep).Chunk(Batch))
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var ids = await BulkWriter.ReserveIdsAsync<Problem>(db, chunk.Length, default);
            var problemRows = new List<Problem>(chunk.Length);
            var stepRows = new List<ProblemStep>(chunk.Length * 4);
            for (var i = 0; i < chunk.Length; i++)
            {
                var g = chunk[i];
                var (projectId, orgId) = projects[g.ProjectIndex];
                int? dep = g.Department is { } d ? departments[d.Name] : null;
                problemRows.Add(new Problem
                {
                    Id = ids[i],
                    ProjectId = projectId,
                    OrgId = orgId,
                    Title = g.Title,
                    Description = g.Description,
                    Category = g.Category,
                    Source = g.Source,
                    RaisedById = "bench",
                    RaisedByName = g.RaisedByName,
                    RaisedAtUtc = g.RaisedAtUtc,
                    RaisedOn = g.RaisedOn,
                    DepartmentOrgId = dep,
                    Level = g.Level,
                    Deadline = g.Deadline,
                    DueOn = g.DueOn,
                    Status = g.Status,
                    Answer = g.Answer,
                    AnsweredByName = g.AnsweredByName,
                    AnsweredAtUtc = g.AnsweredAtUtc,
                    ClosedOn = g.ClosedOn,
                    VerifiedByName = g.VerifiedByName,
                    Satisfaction = g.Satisfaction,
                    UpdatedAtUtc = g.UpdatedAtUtc,
                    Version = g.Steps.Count,
                });
                foreach (var s in g.Steps)
                    stepRows.Add(new ProblemStep
                    {
                        ProblemId = ids[i],
                        Action = s.Action,
                        FromStatus = s.From,
                        ToStatus = s.To,
                        FromLevel = s.FromLevel,
                        ToLevel = s.ToLevel,
                        Deadline = s.Deadline,
                        DueOn = s.DueOn,
                        DepartmentOrgId = s.Department is { } sd ? departments[sd.Name] : null,
                        Note = s.Note,
                        ActorId = s.Action == ProblemAction.AutoEscalated ? "system" : "bench",
                        ActorName = s.ActorName,
                        AtUtc = s.AtUtc,
                    });
                byStatus[g.Status] = byStatus.GetValueOrDefault(g.Status) + 1;
                if (ProblemWorkflow.IsOverdue(g.Status, g.DueOn, today)) overdue++;
                if (ProblemWorkflow.IsOpen(g.Status) && g.DueOn == today) dueToday++;
                var now = ladder.DueSteps(g.Status, g.Level, g.Deadline, today, calendar);
                if (now.Count > 0) { escalateNow++; escalationSteps += now.Count; if (now.Count > 1) multi++; }
            }
            await BulkWriter.InsertAsync(db, problemRows, default);
            await BulkWriter.InsertAsync(db, stepRows, default);
            // Numbered like every write of problems (the save guard refuses the commit otherwise).
            await ChangeCounter.StampProblemsAsync(db, problemRows.Select(p => p.Id).ToList(), default);
            await tx.CommitAsync();
            steps += stepRows.Count;
        }
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // What autovacuum would soon do after a load like this: statistics, and the visibility map (index-only scans).
            // One statement a command: VACUUM refuses to run in a batch.
            if (!db.Database.IsSqlite())
                foreach (var sql in new[] { "VACUUM ANALYZE \"Problems\"", "VACUUM ANALYZE \"ProblemSteps\"", "ANALYZE \"Organisations\"", "ANALYZE \"AspNetUsers\"" })
                    await db.Database.ExecuteSqlRawAsync(sql);
            else await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        Console.WriteLine($"problems: done, {count:N0} problems ({string.Join(", ", byStatus.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}), {steps:N0} steps, "
            + $"in {timer.Elapsed.TotalSeconds:0.0} s ({total.Elapsed.TotalSeconds:0.0} s with start-up); today {today:yyyy-MM-dd}, last sweep {today.AddDays(-lastSweep):yyyy-MM-dd}: "
            + $"{overdue:N0} open past their 办理时限 (逾期), {escalateNow:N0} due to escalate now by {escalationSteps:N0} steps ({multi:N0} by more than one)");
        return 0;
    }

    /// <summary>Unit ids by name, and department ids by name (created if missing).</summary>
    private static async Task<(Dictionary<string, int> Units, Dictionary<string, int> Departments)> EnsureDepartmentsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgs = scope.ServiceProvider.GetRequiredService<OrgService>();
        var units = await db.Organisations.Where(o => o.Kind != OrgKind.Department && o.Kind != OrgKind.ProjectUnit).ToDictionaryAsync(o => o.Name, o => o.Id);
        var departments = await db.Organisations.Where(o => o.Kind == OrgKind.Department).ToDictionaryAsync(o => o.Name, o => o.Id);
        foreach (var unit in ProvinceProblems.DepartmentOwners)
            for (var i = 0; i < ProvinceProblems.Departments.Length; i++)
            {
                var d = new DepartmentRef(unit.Name, i);
                if (departments.ContainsKey(d.Name)) continue;
                var result = await orgs.CreateAsync(Actor.System("bench"), units[unit.Name], d.Name, OrgKind.Department, null);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Department {d.Name} was refused: {string.Join("; ", result.Errors.Select(e => e.Field + " " + e.MessageKey))}");
                departments[d.Name] = result.Value.Id;
            }
        return (units, departments);
    }

    private static async Task<int> EnsureUsersAsync(IServiceProvider services, Dictionary<string, int> units, Dictionary<string, int> departments, string password)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userService = scope.ServiceProvider.GetRequiredService<UserService>();
        var identity = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var existing = (await db.Users.Select(u => u.UserName!).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        for (var i = 0; i < ProvinceUnits.All.Count; i++)
        {
            var unit = ProvinceUnits.All[i];
            var orgId = units[unit.Name];
            if (!existing.Contains(StaffUser(i)))
            {
                var r = await userService.CreateAsync(Actor.System("bench"), new NewUser(StaffUser(i), unit.Short + "重点办", password, Role.Staff, orgId));
                if (!r.Succeeded) throw new InvalidOperationException($"User {StaffUser(i)} was refused: {string.Join("; ", r.Errors.Select(e => e.Field + " " + e.MessageKey))}");
                created++;
            }
            created += await NoticeOnlyAsync(identity, existing, $"bench-officer-{i:000}", unit.Short + "首席服务官", Role.ServiceOfficer, orgId, clock, ServiceTitle.ChiefServiceOfficer);
            created += await NoticeOnlyAsync(identity, existing, $"bench-leader-{i:000}", unit.Short + "分包领导", Role.Leader, orgId, clock);
            for (var d = 0; d < ProvinceProblems.Departments.Length; d++)
            {
                var name = new DepartmentRef(unit.Name, d).Name;
                created += await NoticeOnlyAsync(identity, existing, $"bench-dept-{i:000}-{d}", name.Length > 50 ? name[..50] : name, Role.Department, departments[name], clock);
            }
        }
        return created;
    }

    private static async Task<int> NoticeOnlyAsync(UserManager<AppUser> identity, HashSet<string> existing, string userName, string displayName, Role role, int orgId,
        TimeProvider clock, ServiceTitle? title = null)
    {
        if (existing.Contains(userName)) return 0;
        var user = new AppUser { UserName = userName, DisplayName = displayName, Role = role, ServiceTitle = title, OrgId = orgId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var r = await identity.CreateAsync(user);
        if (!r.Succeeded) throw new InvalidOperationException($"User {userName} was refused: {string.Join("; ", r.Errors.Select(e => e.Description))}");
        return 1;
    }
}
