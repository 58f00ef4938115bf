using KeyProjects.Domain.Access;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// Demo dispatch meetings: 濮阳县's Tuesday 县区周例会 (level 2) and 濮阳市's Monday 市级周例会 (level 4); one 县区周例会 held on
/// 9 May 2023 with minutes and four 交办事项, all closed in 2023 (history, not overdue for years); and in the live year
/// last week's, held, with tasks still running. Meetings go through <see cref="MeetingService"/>; the tasks are written
/// directly because the service rightly refuses deadlines in the past.
/// </summary>
public static class DemoMeetings
{
    private static readonly DateOnly HeldOn = new(DemoData.Year, 5, 9);

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, MeetingService meetings, Domain.Progress.ReportingSchedule schedule, CancellationToken ct)
    {
        var system = Actor.System("demo");
        var county = await db.Organisations.SingleAsync(o => o.Name == "濮阳县" && o.Kind == OrgKind.County, ct);
        var city = await db.Organisations.SingleAsync(o => o.Name == "濮阳市" && o.Kind == OrgKind.City, ct);
        var countySeries = (await meetings.CreateSeriesAsync(system, county.Id,
            new SeriesDraft { Name = "县区周例会", Level = 2, Weekday = 2, Time = new TimeOnly(15, 0), MarginPoints = 5, DeepDiveCount = 1 }, ct)).Value;
        await meetings.CreateSeriesAsync(system, city.Id,
            new SeriesDraft { Name = "市级周例会", Level = 4, Weekday = 1, Time = new TimeOnly(9, 0), MarginPoints = 5, DeepDiveCount = 2 }, ct);
        db.ChangeTracker.Clear();


        var (meeting, _) = (await meetings.CreateAsync(system, new MeetingDraft { SeriesId = countySeries.Id, Date = HeldOn, Title = "濮阳县重点项目建设周例会（第8期）" }, ct)).Value;
        db.ChangeTracker.Clear();
        var minuted = await meetings.SaveMinutesAsync(system, meeting.Id, meeting.Version,
            "张振华（副县长）、王海涛（县发改委）、刘春燕（首席服务官）、县自然资源局、县住建局、县生态环境局及各项目单位负责人",
            "会议听取了全县重点项目建设进展情况汇报，逐一研究了慢于序时进度项目和逾期问题。坚持现场查看、现场表态、现场解决：" +
            "对用地、施工许可等问题明确责任单位和办结时限，列入交办事项，由县发改委跟踪督办，下次例会通报办理情况。",
            null, ct);
        db.ChangeTracker.Clear();
        var held = await meetings.MarkHeldAsync(system, meeting.Id, minuted.Value.Version, ct);
        db.ChangeTracker.Clear();

        var owners = await db.Organisations.Where(o => o.ParentId == county.Id && o.Kind == OrgKind.Department)
            .ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        (string Title, string Owner, string Person, DateOnly Deadline, MeetingTaskStatus Status, string? Report)[] tasks =
        [
            ("协调解决项目二期用地组卷报批", "濮阳县自然资源局", "陈立新", new(DemoData.Year, 5, 19), MeetingTaskStatus.Closed, "已完成组卷上报。"),
            ("办理主体工程施工许可", "濮阳县住建局", "李建军", new(DemoData.Year, 5, 16), MeetingTaskStatus.Closed, "施工许可证已于5月15日核发。"),
            ("完成环评批复", "濮阳县生态环境局", "孙志强", new(DemoData.Year, 5, 12), MeetingTaskStatus.Closed, "环评批复已印发。"),
            ("落实专项债券资金拨付", "濮阳县发改委", "王海涛", new(DemoData.Year, 12, 31), MeetingTaskStatus.Closed, "专项债券资金已全部拨付到项目。"),
        ];
        var projects = await db.Projects.Where(p => p.OrgId == county.Id).OrderBy(p => p.Code).Select(p => p.Id).Take(4).ToListAsync(ct);
        await AddTasksAsync(db, clock, held.Value.Id, county, owners, projects, tasks, ct);

        if (DemoData.LiveYear(Display.Today(clock), schedule) is not null)
            await SeedLastWeekAsync(db, clock, meetings, countySeries.Id, county, owners, ct);
    }

    /// <summary>
    /// Last week's 县区周例会 (the latest Tuesday at least three days back), held, with its 交办事项 on the projects whose
    /// problems it studied: one overdue, one due, one reported and awaiting verification, one closed. The next one is
    /// scheduled by the series itself.
    /// </summary>
    private static async Task SeedLastWeekAsync(AppDbContext db, TimeProvider clock, MeetingService meetings, int seriesId, Organisation county,
        Dictionary<string, int> owners, CancellationToken ct)
    {
        var system = Actor.System("demo");
        var back = Display.Today(clock).AddDays(-3);
        var heldOn = back.AddDays(-(((int)back.DayOfWeek - (int)DayOfWeek.Tuesday + 7) % 7));
        var (meeting, _) = (await meetings.CreateAsync(system, new MeetingDraft
        {
            SeriesId = seriesId, Date = heldOn,
            Title = $"濮阳县重点项目建设周例会（第{((heldOn.DayOfYear - 1) / 7 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}期）",
        }, ct)).Value;
        db.ChangeTracker.Clear();
        var minuted = await meetings.SaveMinutesAsync(system, meeting.Id, meeting.Version,
            "张振华（副县长）、王海涛（县发改委）、刘春燕（首席服务官）、县自然资源局、县住建局、县生态环境局及各项目单位负责人",
            "会议通报了本年度重点项目投资完成情况，点名慢于序时进度的项目；研究了升级到市级的配套道路、高压线迁改问题，" +
            "明确责任单位和办结时限，列入交办事项，由县发改委跟踪督办。",
            null, ct);
        db.ChangeTracker.Clear();
        var held = await meetings.MarkHeldAsync(system, meeting.Id, minuted.Value.Version, ct);
        db.ChangeTracker.Clear();
        var projects = await db.Projects.Where(p => p.OrgId == county.Id).OrderBy(p => p.Code).Select(p => p.Id).ToListAsync(ct);
        (string Title, string Owner, string Person, DateOnly Deadline, MeetingTaskStatus Status, string? Report)[] tasks =
        [
            ("协调配套道路施工，保障大型设备进场", "濮阳县住建局", "李建军", heldOn.AddDays(1), MeetingTaskStatus.InProgress, null),
            ("高压线迁改方案报市供电公司审批", "濮阳县发改委", "王海涛", heldOn.AddDays(14), MeetingTaskStatus.InProgress, null),
            ("答复企业土地出让金分期缴纳申请", "濮阳县自然资源局", "陈立新", heldOn.AddDays(3), MeetingTaskStatus.Reported, "已答复企业，同意分两期缴纳。"),
            ("完成环评批复", "濮阳县生态环境局", "孙志强", heldOn.AddDays(2), MeetingTaskStatus.Closed, "环评批复已印发。"),
        ];
        int[] studied = [9, 10, 11, 3];
        await AddTasksAsync(db, clock, held.Value.Id, county, owners, studied.Where(i => i < projects.Count).Select(i => projects[i]).ToList(), tasks, ct);
    }

    private static async Task AddTasksAsync(AppDbContext db, TimeProvider clock, long meetingId, Organisation county, Dictionary<string, int> owners,
        List<int> projects, (string Title, string Owner, string Person, DateOnly Deadline, MeetingTaskStatus Status, string? Report)[] tasks, CancellationToken ct)
    {
        var system = Actor.System("demo");
        var at = clock.GetUtcNow().UtcDateTime;
        var path = county.Path;
        var added = new List<(MeetingTask Task, AuditEntry Entry)>();
        for (var i = 0; i < tasks.Length; i++)
        {
            var t = tasks[i];
            if (!owners.TryGetValue(t.Owner, out var ownerId)) continue;
            var task = new MeetingTask
            {
                MeetingId = meetingId, OrgId = county.Id, Title = t.Title, OwnerOrgId = ownerId, OwnerName = t.Person, Deadline = t.Deadline,
                ProjectId = i < projects.Count ? projects[i] : null, Status = t.Status, Report = t.Report,
                ReportedByName = t.Report is null ? null : t.Owner, ReportedAtUtc = t.Report is null ? null : Display.EndOfDayUtc(t.Deadline.AddDays(-1)).AddHours(-8),
                VerifiedByName = t.Status == MeetingTaskStatus.Closed ? "濮阳县发改委 王海涛" : null,
                ClosedOn = t.Status == MeetingTaskStatus.Closed ? t.Deadline.AddDays(-1) : null,
                CreatedByName = system.UserName, CreatedAtUtc = at, UpdatedAtUtc = at,
            };
            db.Add(task);
            added.Add((task, AuditLog.Add(db, clock, system, MeetingTaskService.TaskAudit, "", path, AuditAction.Created, [], 1)));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var (task, entry) in added)
            AuditLog.Complete(entry, task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), path, AuditLog.Diff(null, task.AuditSnapshot()), 1);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

}
