using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Problems;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Daily;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Home;

/// <summary>How pressing a work item is: past its deadline, due now, or to know.</summary>
public enum WorkTone
{
    Late = 1,
    Due = 2,
    Info = 3,
}

/// <summary>One line of the 工作台: what to do (a text key), how many, and the filtered list that holds them.</summary>
public sealed record WorkItem(string Key, int Count, string Href, WorkTone Tone);

/// <summary>A project unit's project on its 工作台: this month's report, its completion and its open problems.</summary>
public sealed record ProjectCard(string Code, string Name, ReportStatus? Report, Rate? Completion, int OpenProblems, int OverdueProblems, bool OwesReport);

/// <summary>The caller's region at a glance: the bulletins' key figures, overdue problems and the next 调度会.</summary>
public sealed record Glance(int OrgId, string OrgName, Period Period, Rate? CompletionRate, Rate? TimeProgress, Rate? PointsAhead, bool IsBehind,
    decimal YtdCompleted, decimal AnnualPlan, int Projects, int OverdueProblems, NextMeeting? NextMeeting);

public sealed record NextMeeting(long Id, string Title, DateOnly Date);

/// <summary>
/// A project's progress as its page shows it (issue 13): the latest report with its state, year-to-date and 完成率, open
/// and overdue problems, this month's visits, overdue and next milestones, and the latest site photos.
/// </summary>
public sealed record ProjectSummary(string Code, Period Period, MonthlyReport? Latest, Rate? Completion, decimal? AnnualPlan, int OpenProblems, int OverdueProblems,
    int VisitsThisMonth, int OverdueMilestones, (string Name, DateOnly Date)? NextMilestone, IReadOnlyList<Photos.PhotoInfo> Photos);

/// <summary>What a user must do today (items with a count), their region at a glance, and a project unit's projects.</summary>
public sealed record Workbench(DateOnly Today, Period Period, IReadOnlyList<WorkItem> Items, Glance? Glance, IReadOnlyList<ProjectCard> Projects)
{
    /// <summary>The items that ask something of the user now (a count above zero), most pressing first.</summary>
    public IEnumerable<WorkItem> ToDo => Items.Where(i => i.Count > 0 && i.Tone != WorkTone.Info).OrderBy(i => i.Tone);
}

/// <summary>
/// The 工作台 (issue 13): for each user, the work their role and subtree hold today — reports to review or still owed,
/// problems waiting on them or overdue, meeting tasks due, visits owed, daily posts missing, unread notices — each a count
/// that links to the list it counts, read from the same services as those lists, so the count and the list agree. Which
/// items a user gets follows the rights table (decision 017): nobody is shown work they may not do.
/// </summary>
public sealed class HomeService(TimeProvider clock, ReportService reports, ProgressService progress, ProblemService problems,
    MeetingService meetings, MeetingTaskService tasks, VisitService visits, DailyPostService daily, NoticeService notices,
    Milestones.MilestoneService milestones)
{
    /// <summary>Site photos the project page shows at most (the newest, from the daily posts of the last 30 days).</summary>
    public const int SummaryPhotos = 4;

    /// <summary>A project's progress for its page; not found outside the caller's scope (the report service decides).</summary>
    public async Task<Result<ProjectSummary>> ProjectSummaryAsync(Actor actor, string code, CancellationToken ct = default)
    {
        var found = await reports.ProjectAsync(actor, code, ct);
        if (!found.Succeeded) return Result<ProjectSummary>.Fail(found.Errors);
        var project = found.Value.Project;
        var today = Display.Today(clock);
        var period = reports.CurrentPeriod(today);
        var latest = await reports.PreviousAsync(project.Id, period.Next, ct);
        var open = await problems.ListAsync(actor, new ProblemQuery { Open = true, Project = project.Code, Take = 1 }, ct);
        var month = Period.Of(today);
        var visited = await visits.ListAsync(actor, null, month, project.Code, null, ct);
        var plan = await milestones.PlanAsync(actor, project.Code, ct);
        var ms = plan.Succeeded ? plan.Value.Milestones : [];
        var next = ms.Where(m => m.ActualDate is null && m.PlannedDate >= today).OrderBy(m => m.PlannedDate).Select(m => (m.Name, m.PlannedDate)).FirstOrDefault();
        var posts = await daily.TimelineAsync(actor, project.Code, today.AddDays(-30), today, ct);
        var photos = posts.Succeeded ? posts.Value.Posts.OrderByDescending(p => p.Date).SelectMany(p => p.Photos).Take(SummaryPhotos).ToList() : [];
        return new ProjectSummary(project.Code, period, latest, latest is null ? null : reports.CompletionOf(latest, project),
            latest is null ? project.PlanFor(period.Year)?.Plan : project.PlanFor(latest.Year)?.Plan,
            open.Succeeded ? open.Value.Total : 0, open.Succeeded ? open.Value.OverdueTotal : 0,
            visited.Succeeded ? visited.Value.Visits.Count : 0, ms.Count(m => m.IsOverdue(today)),
            next == default ? null : next, photos);
    }

    /// <summary>Project cards shown at most (a project unit builds a handful; a larger list is the registry's).</summary>
    public const int MaxProjectCards = 20;

    public async Task<Workbench> ForAsync(Actor actor, CancellationToken ct = default)
    {
        var today = Display.Today(clock);
        var period = reports.CurrentPeriod(today);
        var items = new List<WorkItem>();

        // Monthly reports: to review, still owed, sent back.
        IReadOnlyList<ReportRow> month = [];
        if (actor.Can(Permission.ReviewReports) || actor.Can(Permission.ReportProgress))
        {
            month = await reports.MonthAsync(actor, period, ct);
            var late = today > reports.Schedule.Deadline(period);
            var list = $"/reports?period={period}";
            if (actor.Can(Permission.ReviewReports))
                items.Add(new("Home.Item.ReportsToReview", month.Count(r => r.Report?.Status == ReportStatus.Submitted),
                    $"{list}&status={nameof(ReportStatus.Submitted)}", WorkTone.Due));
            items.Add(new("Home.Item.ReportsMissing", month.Count(r => r.Report is null), $"{list}&status=missing", late ? WorkTone.Late : WorkTone.Due));
            if (actor.Can(Permission.ReportProgress))
                items.Add(new("Home.Item.ReportsReturned", month.Count(r => r.Report?.Status == ReportStatus.Returned),
                    $"{list}&status={nameof(ReportStatus.Returned)}", WorkTone.Due));
        }

        // Problems: overdue ones of the subtree, and those waiting on this user's role.
        var overdue = await CountAsync(actor, new ProblemQuery { Overdue = true }, ct);
        items.Add(new("Home.Item.ProblemsOverdue", overdue, "/problems?overdue=true", WorkTone.Late));
        if (actor.Can(Permission.HandleProblems))
        {
            items.Add(new("Home.Item.ProblemsToAccept", await CountAsync(actor, new ProblemQuery { Status = ProblemStatus.Pending }, ct),
                $"/problems?status={nameof(ProblemStatus.Pending)}", WorkTone.Due));
            items.Add(new("Home.Item.ProblemsInHand", await CountAsync(actor, new ProblemQuery { Status = ProblemStatus.InProgress }, ct),
                $"/problems?status={nameof(ProblemStatus.InProgress)}", WorkTone.Due));
        }
        if (actor.Can(Permission.VerifyProblems))
            items.Add(new("Home.Item.ProblemsToVerify", await CountAsync(actor, new ProblemQuery { Status = ProblemStatus.Answered }, ct),
                $"/problems?status={nameof(ProblemStatus.Answered)}", WorkTone.Due));
        if (actor.Can(Permission.DispatchProblems))
            items.Add(new("Home.Item.ProblemsReturned", await CountAsync(actor, new ProblemQuery { Status = ProblemStatus.Returned }, ct),
                $"/problems?status={nameof(ProblemStatus.Returned)}", WorkTone.Due));
        if (actor.Role == Role.ProjectUnit)
            items.Add(new("Home.Item.ProblemsOpen", await CountAsync(actor, new ProblemQuery { Open = true }, ct), "/problems?open=true", WorkTone.Info));

        // 交办事项: to carry out (the owner) and to verify (the meeting's organisation).
        if (actor.Can(Permission.ReportTasks) || actor.Can(Permission.ManageMeetings))
        {
            var open = await tasks.ListAsync(actor, TaskFilter.Open, null, ct);
            if (actor.Can(Permission.ReportTasks))
            {
                var mine = open.Lines.Where(l => l.MayReport).ToList();
                items.Add(new("Home.Item.TasksOverdue", mine.Count(l => l.Overdue), "/meetings/tasks?filter=overdue", WorkTone.Late));
                items.Add(new("Home.Item.TasksToReport", mine.Count(l => !l.Overdue), "/meetings/tasks?filter=open", WorkTone.Due));
            }
            if (actor.Can(Permission.ManageMeetings))
                items.Add(new("Home.Item.TasksToVerify", open.Lines.Count(l => l.MayVerify && l.Task.Status == MeetingTaskStatus.Reported),
                    "/meetings/tasks?filter=open", WorkTone.Due));
        }

        // 督导走访 still owed this month: a leader's own; for the others, the leaders of the subtree not yet covered.
        if (actor.Can(Permission.LogVisits))
        {
            var thisMonth = Period.Of(today);
            var compliance = await visits.ComplianceAsync(actor, null, thisMonth, ct);
            if (compliance.Succeeded)
            {
                var own = await visits.OwnLeaderNameAsync(actor, ct);
                var leaders = compliance.Value.Result.Leaders;
                var owed = own is null
                    ? leaders.Count(l => l.Shortfall > 0)
                    : leaders.Where(l => Domain.Visits.LeaderNames.Same(l.LeaderName, own)).Sum(l => l.Shortfall);
                items.Add(new(own is null ? "Home.Item.LeadersOwingVisits" : "Home.Item.VisitsOwed", owed, $"/visits/compliance?month={thisMonth}", WorkTone.Due));
            }
        }

        // 每日进度 missing this month, for those who report progress (units, staff, service officers; the rights table).
        if (actor.Can(Permission.ReportProgress))
        {
            var missing = await daily.MissingForOrgAsync(actor, null, Period.Of(today), ct);
            if (missing.Succeeded)
                items.Add(new("Home.Item.DailyMissing", missing.Value.Rows.Count(r => r.MissingDays > 0), "/daily/missing", WorkTone.Due));
        }

        items.Add(new("Home.Item.Unread", await notices.UnreadCountAsync(actor.UserId, ct), "/notices", WorkTone.Info));

        var glance = actor.Role == Role.ProjectUnit ? null : await GlanceAsync(actor, period, overdue, today, ct);
        var cards = actor.Role == Role.ProjectUnit ? await CardsAsync(actor, month, ct) : [];
        return new Workbench(today, period, items, glance, cards);
    }

    private async Task<int> CountAsync(Actor actor, ProblemQuery q, CancellationToken ct) =>
        (await problems.ListAsync(actor, q with { Take = 1 }, ct)) is { Succeeded: true } page ? page.Value.Total : 0;

    private async Task<Glance?> GlanceAsync(Actor actor, Period period, int overdue, DateOnly today, CancellationToken ct)
    {
        var view = await progress.ViewAsync(actor, null, ProjectSelection.All, null, period, null, ct);
        if (!view.Succeeded) return null;
        var v = view.Value;
        var m = v.Metrics;
        var next = await meetings.NextAsync(actor, null, ct) is { } nm ? new NextMeeting(nm.Id, nm.Title, nm.Date) : null;
        return new Glance(v.Node.Id, v.Node.Name, v.Period, m.CompletionRate, m.TimeProgress, m.PointsAhead, m.IsBehind, m.YtdCompleted, m.AnnualPlan,
            v.Projects.Count, overdue, next);
    }

    /// <summary>Every project the unit builds (not retired), with this month's report where it owes one.</summary>
    private async Task<IReadOnlyList<ProjectCard>> CardsAsync(Actor actor, IReadOnlyList<ReportRow> month, CancellationToken ct)
    {
        var rows = month.ToDictionary(r => r.Project.Id);
        var cards = new List<ProjectCard>();
        foreach (var project in (await reports.ProjectsAsync(actor, ct)).Take(MaxProjectCards))
        {
            var row = rows.GetValueOrDefault(project.Id);
            var open = await problems.ListAsync(actor, new ProblemQuery { Open = true, Project = project.Code, Take = 1 }, ct);
            var (count, late) = open.Succeeded ? (open.Value.Total, open.Value.OverdueTotal) : (0, 0);
            cards.Add(new ProjectCard(project.Code, project.Name, row?.Report?.Status, row?.Completion, count, late, row is not null));
        }
        return cards;
    }
}
