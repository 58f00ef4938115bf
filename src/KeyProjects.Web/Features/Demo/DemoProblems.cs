using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo's problem ledger, dated back from today so that the lists always have something due, overdue and closed:
/// 濮阳县's projects with problems at every level of the ladder (their escalations replayed from the calendar,
/// as the sweep would have done), some answered and awaiting verification, some closed; 南乐县's all solved
/// (问题解决率100%); and the demo year's, raised and closed (销号) in 2023: history, not open for years.
/// </summary>
public static class DemoProblems
{
    private static readonly (string Org, int Project, string Title, ProblemCategory Category, ProblemSource Source, string Dept, int DaysAgo, ProblemStatus Status, string? Answer)[] Rows =
    [
        ("濮阳县", 0, "二期用地指标未下达，影响厂房开工", ProblemCategory.Land, ProblemSource.ProjectUnit, "濮阳县自然资源局", 16, ProblemStatus.InProgress, null),
        ("濮阳县", 1, "施工许可证办理卡在消防设计审查", ProblemCategory.Approvals, ProblemSource.ServiceOfficer, "濮阳县住建局", 9, ProblemStatus.Pending, null),
        ("濮阳县", 2, "厂区 10kV 专线未接通", ProblemCategory.Utilities, ProblemSource.Leader, "濮阳县发改委", 5, ProblemStatus.InProgress, null),
        ("濮阳县", 3, "环评批复待市生态环境局审查", ProblemCategory.Environment, ProblemSource.ProjectUnit, "濮阳县生态环境局", 2, ProblemStatus.Pending, null),
        ("濮阳县", 4, "流动资金贷款审批慢", ProblemCategory.Funding, ProblemSource.ServiceOfficer, "濮阳县发改委", 1, ProblemStatus.Answered, "已组织银企对接会，县农商行承诺两周内放款 3000 万元。"),
        ("濮阳县", 5, "招工困难，缺焊工 40 人", ProblemCategory.Labour, ProblemSource.ProjectUnit, "濮阳县工信局", 20, ProblemStatus.Closed, "县人社局组织专场招聘会，已到岗 42 人。"),
        ("濮阳县", 6, "进场道路被占用", ProblemCategory.Demolition, ProblemSource.Inspection, "濮阳县住建局", 12, ProblemStatus.Closed, "已协调乡政府清理，道路畅通。"),
        // Older ones that climbed the whole ladder (第5级 市级领导): overdue by days and weeks, not years.
        ("濮阳县", 9, "配套道路未完工，大型设备无法进场", ProblemCategory.Demolition, ProblemSource.Inspection, "濮阳县住建局", 34, ProblemStatus.InProgress, null),
        ("濮阳县", 10, "110kV 高压线迁改方案未批复", ProblemCategory.Utilities, ProblemSource.ServiceOfficer, "濮阳县发改委", 24, ProblemStatus.InProgress, null),
        ("濮阳县", 11, "土地出让金分期缴纳申请未答复", ProblemCategory.Land, ProblemSource.ProjectUnit, "濮阳县自然资源局", 13, ProblemStatus.Answered, "经县政府常务会研究，同意分两期缴纳，首期 50%。"),
        ("濮阳县", 12, "节能审查意见待出具", ProblemCategory.Approvals, ProblemSource.ServiceOfficer, "濮阳县发改委", 40, ProblemStatus.Closed, "节能审查意见已出具。"),
        ("濮阳县", 13, "项目融资担保未落实", ProblemCategory.Funding, ProblemSource.ProjectUnit, "濮阳县发改委", 8, ProblemStatus.InProgress, null),
        ("濮阳县", 15, "排污许可证核发材料被退回", ProblemCategory.Environment, ProblemSource.ProjectUnit, "濮阳县生态环境局", 19, ProblemStatus.InProgress, null),
        ("濮阳县", 14, "临时用电报装排队", ProblemCategory.Utilities, ProblemSource.ServiceOfficer, "濮阳县发改委", 3, ProblemStatus.Pending, null),
        ("南乐县", 0, "土地证办理材料不齐", ProblemCategory.Land, ProblemSource.ServiceOfficer, "南乐县自然资源局", 15, ProblemStatus.Closed, "已一次性告知并帮办，证已办结。"),
        ("南乐县", 1, "天然气管网接入费用争议", ProblemCategory.Utilities, ProblemSource.ProjectUnit, "南乐县发改委", 11, ProblemStatus.Closed, "按物价部门标准收费，企业认可。"),
        ("南乐县", 2, "施工用水临时接入", ProblemCategory.Utilities, ProblemSource.Leader, "南乐县住建局", 6, ProblemStatus.Closed, "当日接通。"),
    ];

    /// <summary>Problems of the demo year, raised in April 2023 and solved after the 县区周例会 of 9 May studied them.</summary>
    private static readonly (int Project, string Title, ProblemCategory Category, string Dept, DateOnly Raised, DateOnly Closed, string Answer)[] History =
    [
        (7, "项目二期用地组卷报批进度慢", ProblemCategory.Land, "濮阳县自然资源局", new(DemoData.Year, 4, 20), new(DemoData.Year, 5, 12), "经县区周例会研究，已完成组卷上报。"),
        (8, "厂区污水管网接入点未确定", ProblemCategory.Utilities, "濮阳县住建局", new(DemoData.Year, 4, 24), new(DemoData.Year, 5, 16), "已确定接入市政管网南线。"),
    ];

    /// <summary>
    /// The problems; those of the demo year stay open (as they were on the day of the 县区周例会 that studied them) until
    /// <see cref="FinishHistoryAsync"/> closes them after the meetings are seeded.
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var actor = Actor.System("demo");
        var users = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, ct);
        var rows = Rows.Select(r => (r.Org, r.Project, r.Title, r.Category, r.Source, r.Dept, Raised: today.AddDays(-r.DaysAgo), r.Status, r.Answer, Closed: (DateOnly?)null))
            .Concat(History.Select(h => ("濮阳县", h.Project, h.Title, h.Category, ProblemSource.ProjectUnit, h.Dept, Raised: h.Raised, ProblemStatus.InProgress, (string?)null, Closed: (DateOnly?)h.Raised.AddDays(18))));
        var added = new List<(Problem Problem, AuditEntry Entry, string Path)>();
        foreach (var (orgName, index, title, category, source, deptName, raisedOn, status, answer, openUntil) in rows)
        {
            var org = await db.Organisations.SingleAsync(o => o.Name == orgName, ct);
            var project = await db.Projects.Where(p => p.OrgId == org.Id).OrderBy(p => p.Code).Skip(index).Select(p => new { p.Id }).FirstAsync(ct);
            var dept = await db.Organisations.Where(o => o.Name == deptName).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            var raiser = orgName == "南乐县" ? users["nl.fgw"] : users["pyx.fuwu"]; // a unit's problem logged by the service officer
            var deadline = EscalationLadder.Default.DeadlineAt(1, raisedOn, WorkingCalendar.Default);
            var p = new Problem
            {
                ProjectId = project.Id,
                OrgId = org.Id,
                Title = title,
                Description = title + "。请协调解决。",
                Category = category,
                Source = source,
                RaisedById = raiser.Id,
                RaisedByName = raiser.DisplayName,
                RaisedOn = raisedOn,
                RaisedAtUtc = Display.EndOfDayUtc(raisedOn).AddHours(-14),
                DepartmentOrgId = dept,
                Level = 1,
                Deadline = deadline,
                DueOn = deadline,
                Status = ProblemStatus.Pending,
                UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            Step(p, ProblemAction.Raised, ProblemStatus.Pending, raisedOn, raiser.DisplayName);
            if (status != ProblemStatus.Pending) Step(p, ProblemAction.Accepted, ProblemStatus.InProgress, raisedOn.AddDays(1), deptName);
            if (status is ProblemStatus.Answered or ProblemStatus.Closed)
            {
                var solvedOn = status == ProblemStatus.Closed
                    ? WorkingCalendar.Default.AddWorkingDays(raisedOn, Math.Min(3, (today.DayNumber - raisedOn.DayNumber) / 3))
                    : today;
                Solve(p, solvedOn, answer!, deptName, status == ProblemStatus.Closed ? raiser.DisplayName : null);
            }
            else Escalate(p, openUntil ?? today);
            db.Add(p);
            added.Add((p, AuditLog.Add(db, clock, actor, ProblemService.AuditType, "", org.Path, AuditAction.Created, [], 1, "demo"), org.Path));
        }
        // One transaction for all (a commit each took a tenth of a second on a busy disk); ids come from the first save.
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (p, entry, path) in added)
            AuditLog.Complete(entry, ProblemService.Key(p.Id), path, AuditLog.Diff(null, new Dictionary<string, string?> { ["Title"] = p.Title }), 1);
        await db.SaveChangesAsync(ct);
        await ChangeCounter.StampProblemsAsync(db, added.Select(a => a.Problem.Id).ToList(), ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The demo year's problems: answered and closed after the meeting, as their ledger says.</summary>
    public static async Task FinishHistoryAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = Actor.System("demo");
        foreach (var h in History)
        {
            var p = await db.Problems.Include(x => x.Steps).SingleAsync(x => x.Title == h.Title && x.RaisedOn == h.Raised, ct);
            Solve(p, h.Closed, h.Answer, h.Dept, p.RaisedByName);
            p.Version++;
            AuditLog.Add(db, clock, actor, ProblemService.AuditType, ProblemService.Key(p.Id), "/", AuditAction.Updated,
                AuditLog.Diff(null, new Dictionary<string, string?> { ["Status"] = p.Status.ToString() }), p.Version, "demo");
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await ChangeCounter.StampProblemsAsync(db, [p.Id], ct);
            await tx.CommitAsync(ct);
        }
    }

    private static void Step(Problem p, ProblemAction a, ProblemStatus to, DateOnly on, string who, string? note = null, int? fromLevel = null)
    {
        p.Steps.Add(new ProblemStep
        {
            Action = a, FromStatus = p.Status, ToStatus = to, FromLevel = fromLevel ?? p.Level, ToLevel = p.Level, Deadline = p.Deadline,
            DepartmentOrgId = p.DepartmentOrgId, Note = note, ActorId = "demo", ActorName = who, AtUtc = Display.EndOfDayUtc(on).AddHours(-13),
        });
        p.Status = to;
    }

    /// <summary>What the sweep did while the problem was open, up to a day.</summary>
    private static void Escalate(Problem p, DateOnly until)
    {
        foreach (var s in EscalationLadder.Default.DueSteps(ProblemStatus.InProgress, p.Level, p.Deadline, until, WorkingCalendar.Default))
        {
            p.Level = s.ToLevel;
            p.Deadline = s.NewDeadline;
            Step(p, ProblemAction.AutoEscalated, p.Status, s.On, "system:escalation-sweep", Display.Date(s.On), s.FromLevel);
        }
    }

    /// <summary>Answered on a day (escalated until the day before), and closed that day by the verifier if one is named.</summary>
    private static void Solve(Problem p, DateOnly on, string answer, string department, string? verifier)
    {
        Escalate(p, on.AddDays(-1));
        p.Answer = answer;
        p.AnsweredByName = department;
        p.AnsweredAtUtc = Display.EndOfDayUtc(on).AddHours(-15);
        Step(p, ProblemAction.Answered, ProblemStatus.Answered, on, department, answer);
        if (verifier is null) return;
        p.ClosedOn = on;
        p.VerifiedByName = verifier;
        p.Satisfaction = 5;
        Step(p, ProblemAction.Verified, ProblemStatus.Closed, on, verifier);
    }
}
