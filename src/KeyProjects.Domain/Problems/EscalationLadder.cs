using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;

namespace KeyProjects.Domain.Problems;

/// <summary>Whose organisation owns a level: the county (区县) the project belongs to, or the city (市) above it.</summary>
public enum LadderScope
{
    County = 1,
    City = 2,
}

/// <summary>
/// One rung of the ladder: its number (1 is the bottom), the name people use (null: the default name of that number),
/// how many working days a problem may stay at it, whose organisation owns it and which roles there are told.
/// </summary>
public sealed record LadderLevel(int Number, string? Name, int WorkingDays, LadderScope Scope, IReadOnlyList<Role> Owners);

/// <summary>
/// The escalation ladder (问题逐级上交). The default is 漯河's five levels: 首席服务官协调 → 县区周例会研究 → 市直部门专题破解 →
/// 市级周例会重点攻坚 → 市党政联席会统筹推动, three working days at each (荥阳: solved on the spot, else within three days).
/// </summary>
public sealed class EscalationLadder
{
    public const int DefaultWorkingDays = 3;
    public const int MaxWorkingDays = 60;

    public EscalationLadder(IReadOnlyList<LadderLevel> levels)
    {
        if (levels.Count == 0) throw new ArgumentException("A ladder needs at least one level.", nameof(levels));
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Number != i + 1) throw new ArgumentException($"Level {i + 1} is numbered {levels[i].Number}.", nameof(levels));
            if (levels[i].WorkingDays is < 0 or > MaxWorkingDays)
                throw new ArgumentException($"Level {i + 1}: working days must be 0–{MaxWorkingDays}.", nameof(levels));
        }
        Levels = levels;
    }

    public static EscalationLadder Default { get; } = new(
    [
        new(1, null, DefaultWorkingDays, LadderScope.County, [Role.ServiceOfficer]),
        new(2, null, DefaultWorkingDays, LadderScope.County, [Role.Staff, Role.Leader]),
        new(3, null, DefaultWorkingDays, LadderScope.City, [Role.Department, Role.Staff]),
        new(4, null, DefaultWorkingDays, LadderScope.City, [Role.Staff, Role.Leader]),
        new(5, null, DefaultWorkingDays, LadderScope.City, [Role.Leader]),
    ]);

    public IReadOnlyList<LadderLevel> Levels { get; }

    public int Top => Levels.Count;

    /// <summary>The level numbered <paramref name="number"/>; numbers beyond the top give the top.</summary>
    public LadderLevel Level(int number) => Levels[Math.Clamp(number, 1, Top) - 1];

    /// <summary>The deadline of a problem that reaches <paramref name="level"/> on <paramref name="on"/>.</summary>
    public DateOnly DeadlineAt(int level, DateOnly on, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(on, Level(level).WorkingDays);

    /// <summary>
    /// What the sweep does to a problem on <paramref name="today"/>: nothing unless it is open, past its deadline and below
    /// the top; otherwise one level up on the first day past the deadline, with a fresh deadline counted from that day —
    /// and again while that one has passed too. The steps depend on the problem and the calendar only, not on when the
    /// sweep runs: a sweep repeated, late (a server was down) or run by two servers at once ends in the same state.
    /// </summary>
    public IReadOnlyList<EscalationStep> DueSteps(ProblemStatus status, int level, DateOnly deadline, DateOnly today, WorkingCalendar calendar)
    {
        List<EscalationStep>? steps = null;
        while (level < Top && ProblemWorkflow.IsOverdue(status, deadline, today))
        {
            var on = deadline.AddDays(1);
            var step = new EscalationStep(level, level + 1, DeadlineAt(level + 1, on, calendar), on);
            (steps ??= []).Add(step);
            level = step.ToLevel;
            deadline = step.NewDeadline;
        }
        return steps ?? (IReadOnlyList<EscalationStep>)[];
    }

    /// <summary>The first of <see cref="DueSteps"/>, or null.</summary>
    public EscalationStep? Due(ProblemStatus status, int level, DateOnly deadline, DateOnly today, WorkingCalendar calendar) =>
        DueSteps(status, level, deadline, today, calendar) is [var first, ..] ? first : null;

    /// <summary>A manual escalation (or 交办 to a meeting at a level): to any higher level, fresh deadline from today.</summary>
    public Common.Result<EscalationStep> To(int fromLevel, int toLevel, DateOnly today, WorkingCalendar calendar)
    {
        if (toLevel <= fromLevel || toLevel > Top)
            return Common.Result<EscalationStep>.Fail(new Common.FieldInvalid("Level", "Problem.Error.LevelRange", fromLevel + 1, Top));
        return new EscalationStep(fromLevel, toLevel, DeadlineAt(toLevel, today, calendar), today);
    }
}

/// <summary>A move up the ladder on a day, with the deadline at the new level.</summary>
public sealed record EscalationStep(int FromLevel, int ToLevel, DateOnly NewDeadline, DateOnly On);
