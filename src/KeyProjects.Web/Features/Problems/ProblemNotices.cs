using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// Who is told what about a problem, through the inbox (and e-mail for what is due, overdue or escalated): the
/// department when it is assigned one and when it falls due or overdue, the raiser when it is answered, the owners of the
/// new level when it escalates. Each notice is keyed, so a sweep run again (or on two servers) tells nobody twice.
/// </summary>
public sealed class ProblemNotices(AppDbContext db, NoticeService notices, ProjectIndex index, WorkingDays workingDays, IOptions<ProblemOptions> options,
    TimeProvider clock)
{
    /// <summary>How many days back the sweep still tells a department a problem went overdue (if it missed the first day).</summary>
    public const int OverdueLookbackDays = 7;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Link(long id) => "/problems/" + Id(id);

    private static string ProjectName(ProjectSnapshot s, int projectId) => s.ById.TryGetValue(projectId, out var p) ? p.Name : "";

    private static string AssignedKey(Problem p, int department) =>
        $"problem:{Id(p.Id)}:assigned:{department.ToString(CultureInfo.InvariantCulture)}:{p.Version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The users a problem's department has (its subtree's department users): those told it is theirs.</summary>
    public async Task<IReadOnlyList<string>> AssignedRecipientsAsync(Problem p, ProjectSnapshot s, CancellationToken ct) =>
        p.DepartmentOrgId is { } d && s.PathOf(d) is { } path ? await notices.UsersAtAsync(Role.Department, SubtreeIds(s, path), ct) : [];

    /// <summary>The organisations in the subtree at a path (a department and any offices under it), once per registry snapshot.</summary>
    private static int[] SubtreeIds(ProjectSnapshot s, string path) =>
        s.Cache.GetOrAdd(new SubtreeIdsKey(path), _ => s.Orgs.Values.Where(o => new Subtree(path).Holds(o.Path)).Select(o => o.Id).Order().ToArray());

    private sealed record SubtreeIdsKey(string Path) : ICacheKey<int[]>;

    /// <summary>A problem reassigned: its (new) department is told, in the caller's transaction.</summary>
    public async Task AssignedAsync(Problem p, ProjectSnapshot s, CancellationToken ct)
    {
        if (p.DepartmentOrgId is not { } d) return;
        await notices.NotifyAsync(await AssignedRecipientsAsync(p, s, ct), NoticeKind.ProblemAssigned, AssignedKey(p, d), Link(p.Id),
            [p.Title, ProjectName(s, p.ProjectId), Display.Date(p.DueOn)], ct);
    }

    /// <summary>
    /// A problem just raised (saved, so it has its id): its department's notices are added to the context and written by
    /// the caller's next save; <paramref name="recipients"/> were read before the transaction.
    /// </summary>
    public void AddRaised(Problem p, ProjectSnapshot s, IReadOnlyList<string> recipients)
    {
        if (p.DepartmentOrgId is not { } d) return;
        notices.AddNew(recipients, NoticeKind.ProblemAssigned, AssignedKey(p, d), Link(p.Id), [p.Title, ProjectName(s, p.ProjectId), Display.Date(p.DueOn)]);
    }

    public async Task AnsweredAsync(Problem p, ProjectSnapshot s, CancellationToken ct) =>
        await notices.NotifyAsync([p.RaisedById], NoticeKind.ProblemAnswered, $"problem:{Id(p.Id)}:answered:{p.Version.ToString(CultureInfo.InvariantCulture)}",
            Link(p.Id), [p.Title, ProjectName(s, p.ProjectId), p.AnsweredByName ?? ""], ct);

    /// <summary>The new level's owners (their roles at the project's county or city), and the department.</summary>
    public async Task EscalatedAsync(IReadOnlyList<EscalatedProblem> moved, CancellationToken ct)
    {
        var s = await index.CurrentAsync(db, ct);
        var batch = notices.Batch();
        var departments = new Dictionary<int, List<int>>();
        List<int> OwnDepartments(int orgId)
        {
            if (!departments.TryGetValue(orgId, out var list))
                departments[orgId] = list = s.Orgs.Values.Where(o => o.ParentId == orgId && o.Kind == Domain.Organisations.OrgKind.Department && o.IsActive)
                    .Select(o => o.Id).ToList();
            return list;
        }
        foreach (var chunk in moved.Chunk(1000))
        {
            var ids = chunk.Select(m => m.Id).ToList();
            var problems = await db.Problems.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.OrgId, p.ProjectId, p.Title, p.DepartmentOrgId }).ToDictionaryAsync(p => p.Id, ct);
            foreach (var m in chunk)
            {
                if (!problems.TryGetValue(m.Id, out var p)) continue;
                var level = options.Value.LadderFor(p.OrgId, s.Orgs).Level(m.Level);
                var recipients = new List<string>();
                if (ProblemService.OwnerOf(s, p.OrgId, level.Scope) is { } org)
                    foreach (var role in level.Owners)
                        if (role != Role.Department) recipients.AddRange(await batch.UsersAsync(role, org.Id, subtree: false, ct));
                        // 市直部门 (or 县直部门): the departments of the owning county or city itself, not those of the places below it.
                        else foreach (var department in OwnDepartments(org.Id))
                                recipients.AddRange(await batch.UsersAsync(Role.Department, department, subtree: true, ct));
                recipients.AddRange(await HandlersAsync(batch, s, p.DepartmentOrgId, p.OrgId, ct));
                batch.Add(recipients, NoticeKind.ProblemEscalated, $"problem:{Id(p.Id)}:level:{m.Level.ToString(CultureInfo.InvariantCulture)}", Link(p.Id),
                    [p.Title, s.ById.TryGetValue(p.ProjectId, out var project) ? project.Name : "", m.Level.ToString(CultureInfo.InvariantCulture), Display.Date(m.Deadline)]);
            }
        }
        await batch.SaveAsync(ct);
    }

    /// <summary>
    /// Open problems due today or tomorrow (到期提醒) and those that went past their 办理时限 in the last week (逾期提醒), to
    /// their handlers: once per problem and date.
    /// </summary>
    public async Task<int> DueAndOverdueAsync(CancellationToken ct)
    {
        var today = Display.Today(clock);
        var calendar = await workingDays.CurrentAsync(db, ct);
        var s = await index.CurrentAsync(db, ct);
        var soon = calendar.AddWorkingDays(today, 1);
        var from = today.AddDays(-OverdueLookbackDays);
        var rows = await db.Problems.AsNoTracking()
            .Where(ProblemService.IsOpen).Where(p => p.DueOn >= from && p.DueOn <= soon)
            .Select(p => new { p.Id, p.OrgId, p.ProjectId, p.Title, p.DepartmentOrgId, p.DueOn })
            .ToListAsync(ct);
        var batch = notices.Batch();
        foreach (var p in rows)
        {
            var overdue = p.DueOn < today;
            var kind = overdue ? NoticeKind.ProblemOverdue : NoticeKind.ProblemDueSoon;
            var project = s.ById.TryGetValue(p.ProjectId, out var ip) ? ip.Name : "";
            string[] args = overdue
                ? [p.Title, project, Display.Date(p.DueOn), calendar.WorkingDaysBetween(p.DueOn, today).ToString(CultureInfo.InvariantCulture)]
                : [p.Title, project, Display.Date(p.DueOn)];
            batch.Add(await HandlersAsync(batch, s, p.DepartmentOrgId, p.OrgId, ct), kind,
                $"problem:{Id(p.Id)}:{(overdue ? "overdue" : "due")}:{Display.Date(p.DueOn)}", Link(p.Id), args);
        }
        return await batch.SaveAsync(ct);
    }

    /// <summary>
    /// Who handles a problem: the department's users (and its sub-units'), or, while unassigned, the service officers of the
    /// project's county; looked up once per organisation in the batch.
    /// </summary>
    private static async Task<IReadOnlyList<string>> HandlersAsync(NoticeBatch batch, ProjectSnapshot s, int? department, int orgId, CancellationToken ct)
    {
        if (department is { } d) return await batch.UsersAsync(Role.Department, d, subtree: true, ct);
        return ProblemService.OwnerOf(s, orgId, LadderScope.County) is { } county
            ? await batch.UsersAsync(Role.ServiceOfficer, county.Id, subtree: false, ct)
            : [];
    }
}
