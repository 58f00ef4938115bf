using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo's problem ledger, dated back from today so that the lists always have something due, overdue and closed:
/// 濮阳县's projects with problems at several levels of the ladder (their escalations replayed from the calendar, as the
/// sweep would have done), and 南乐县's, all solved (问题解决率100%).
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
        ("南乐县", 0, "土地证办理材料不齐", ProblemCategory.Land, ProblemSource.ServiceOfficer, "南乐县自然资源局", 15, ProblemStatus.Closed, "已一次性告知并帮办，证已办结。"),
        ("南乐县", 1, "天然气管网接入费用争议", ProblemCategory.Utilities, ProblemSource.ProjectUnit, "南乐县发改委", 11, ProblemStatus.Closed, "按物价部门标准收费，企业认可。"),
        ("南乐县", 2, "施工用水临时接入", ProblemCategory.Utilities, ProblemSource.Leader, "南乐县住建局", 6, ProblemStatus.Closed, "当日接通。"),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = Display.Today(clock);
        var calendar = WorkingCalendar.Default;
        var ladder = EscalationLadder.Default;
        var actor = Actor.System("demo");
        var users = await db.Users.Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, ct);
        foreach (var (orgName, index, title, category, source, deptName, daysAgo, status, answer) in Rows)
        {
            var org = await db.Organisations.SingleAsync(o => o.Name == orgName, ct);
            var project = await db.Projects.Where(p => p.OrgId == org.Id).OrderBy(p => p.Code).Skip(index).Select(p => new { p.Id }).FirstAsync(ct);
            var dept = await db.Organisations.Where(o => o.Name == deptName).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            var raisedOn = today.AddDays(-daysAgo);
            var raiser = source == ProblemSource.ProjectUnit ? users["junheng"] : orgName == "南乐县" ? users["nl.fgw"] : users["pyx.fuwu"];
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
                Deadline = ladder.DeadlineAt(1, raisedOn, calendar),
                Status = ProblemStatus.Pending,
            };
            void Step(ProblemAction a, ProblemStatus to, DateOnly on, string who, string? note = null, int? fromLevel = null)
            {
                p.Steps.Add(new ProblemStep
                {
                    Action = a, FromStatus = p.Status, ToStatus = to, FromLevel = fromLevel ?? p.Level, ToLevel = p.Level, Deadline = p.Deadline,
                    DepartmentOrgId = p.DepartmentOrgId, Note = note, ActorId = "demo", ActorName = who, AtUtc = Display.EndOfDayUtc(on).AddHours(-13),
                });
                p.Status = to;
            }
            Step(ProblemAction.Raised, ProblemStatus.Pending, raisedOn, raiser.DisplayName);
            if (status != ProblemStatus.Pending) Step(ProblemAction.Accepted, ProblemStatus.InProgress, raisedOn.AddDays(1), deptName);
            var closedOn = status == ProblemStatus.Closed ? calendar.AddWorkingDays(raisedOn, Math.Min(3, daysAgo / 3)) : (DateOnly?)null;
            if (answer is not null)
            {
                p.Answer = answer;
                p.AnsweredByName = deptName;
                p.AnsweredAtUtc = Display.EndOfDayUtc(closedOn ?? today).AddHours(-15);
                Step(ProblemAction.Answered, ProblemStatus.Answered, closedOn ?? today, deptName, answer);
            }
            if (status == ProblemStatus.Closed)
            {
                p.ClosedOn = closedOn;
                p.VerifiedByName = raiser.DisplayName;
                p.Satisfaction = 5;
                Step(ProblemAction.Verified, ProblemStatus.Closed, closedOn!.Value, raiser.DisplayName);
            }
            // What the sweep would have done by today.
            foreach (var s in ladder.DueSteps(p.Status, p.Level, p.Deadline, today, calendar))
            {
                p.Level = s.ToLevel;
                p.Deadline = s.NewDeadline;
                Step(ProblemAction.AutoEscalated, p.Status, s.On, "system:escalation-sweep", Display.Date(s.On), s.FromLevel);
            }
            p.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            db.Add(p);
            var entry = AuditLog.Add(db, clock, actor, ProblemService.AuditType, "", org.Path, AuditAction.Created, [], 1, "demo");
            await db.SaveChangesAsync(ct);
            AuditLog.Complete(entry, ProblemService.Key(p.Id), org.Path, AuditLog.Diff(null, new Dictionary<string, string?> { ["Title"] = p.Title }), 1);
            await db.SaveChangesAsync(ct);
        }
    }
}
