using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Progress;

/// <summary>The registry's facts about a project that the progress metrics need.</summary>
public readonly record struct ProjectFacts(
    ConstructionKind Kind,
    ProjectStage Stage,
    decimal TotalInvestment,
    DateOnly? PlannedStart,
    DateOnly? PlannedCompletion,
    DateOnly? ActualStart,
    DateOnly? ActualCompletion);

/// <summary>The latest report of a project known for a period (the same year, carried forward from an earlier month).</summary>
public readonly record struct ReportedFigures(
    decimal YtdCompleted,
    decimal SinceStartCompleted,
    decimal FundsYtd,
    StartStatus StartStatus,
    decimal? StatisticalYtd);

/// <summary>
/// One project's place in every metric for a period: its amounts (万元) and which counts it belongs to. The roll-up adds
/// these up; the rules for "due to start", "started", "due to complete" live here, once.
/// </summary>
public readonly record struct ProjectStanding(
    decimal AnnualPlan,
    decimal TotalInvestment,
    decimal YtdCompleted,
    decimal SinceStartCompleted,
    decimal FundsYtd,
    decimal PlanToDate,
    bool HasReport,
    bool DueToStart,
    bool Started,
    bool DueToComplete,
    bool CompletedOnTime,
    bool Completed,
    decimal? YtdYearBefore,
    decimal? StatisticalYtd)
{
    /// <summary>
    /// A project's standing at the end of <paramref name="period"/>.
    /// Due to start (应开复工): a continuing project, or a new one whose planned start is on or before the period's last day.
    /// A project that started early is counted as due too.
    /// Started (已开复工): its latest report says 已开工 or 复工, or the registry has an actual start by then, or it is complete.
    /// A stopped site (停工) is not counted as started even if it started earlier: that is what 开复工率 watches.
    /// Due to complete: a planned completion within the period's year, on or before the period's last day.
    /// </summary>
    /// <param name="planToDate">The project's own monthly plan cumulated to the period; null when it has none (then
    /// the annual plan is spread evenly over the months).</param>
    public static ProjectStanding Of(ProjectFacts facts, decimal annualPlan, ReportedFigures? report, Period period,
        decimal? planToDate, decimal? ytdYearBefore)
    {
        var end = period.LastDay;
        var completed = facts.ActualCompletion is { } ac ? ac <= end : facts.Stage >= ProjectStage.Completed && report is not null;
        var dueToStart = facts.Kind == ConstructionKind.Continuing || facts.PlannedStart is { } ps && ps <= end;
        var started = completed || report?.StartStatus switch
        {
            StartStatus.Started or StartStatus.Resumed => true,
            StartStatus.Stopped or StartStatus.NotStarted => false,
            _ => facts.ActualStart is { } st && st <= end,
        };
        var dueToComplete = facts.PlannedCompletion is { } pc && pc.Year == period.Year && pc <= end;
        var onTime = dueToComplete && facts.ActualCompletion is { } done && done <= facts.PlannedCompletion!.Value;
        return new ProjectStanding(
            annualPlan,
            facts.TotalInvestment,
            report?.YtdCompleted ?? 0,
            report?.SinceStartCompleted ?? 0,
            report?.FundsYtd ?? 0,
            planToDate ?? annualPlan * period.Month / 12m,
            report is not null,
            dueToStart || started,
            started,
            dueToComplete,
            onTime,
            completed,
            ytdYearBefore,
            report?.StatisticalYtd);
    }
}
