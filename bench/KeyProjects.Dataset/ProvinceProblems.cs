using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Problems;

namespace KeyProjects.Dataset;

/// <summary>A responsible department: the <see cref="Index"/>-th of <see cref="ProvinceProblems.Departments"/> under the unit named <see cref="Unit"/>.</summary>
public readonly record struct DepartmentRef(string Unit, int Index)
{
    public string Name => Unit + ProvinceProblems.Departments[Index];
}

/// <summary>One step of a generated problem's history, as the app would have written it.</summary>
public sealed record GeneratedStep(ProblemAction Action, ProblemStatus From, ProblemStatus To, int FromLevel, int ToLevel, DateOnly Deadline, DateOnly DueOn,
    DepartmentRef? Department, string? Note, string ActorName, DateTime AtUtc);

/// <summary>A generated problem on the <see cref="ProjectIndex"/>-th project of <see cref="ProvinceProjects.Generate"/>.</summary>
public sealed record GeneratedProblem(
    int ProjectIndex,
    string Title,
    string Description,
    ProblemCategory Category,
    ProblemSource Source,
    string RaisedByName,
    DateTime RaisedAtUtc,
    DateOnly RaisedOn,
    DepartmentRef? Department,
    ProblemStatus Status,
    int Level,
    DateOnly Deadline,
    DateOnly DueOn,
    string? Answer,
    string? AnsweredByName,
    DateTime? AnsweredAtUtc,
    DateOnly? ClosedOn,
    string? VerifiedByName,
    int? Satisfaction,
    DateTime UpdatedAtUtc,
    IReadOnlyList<GeneratedStep> Steps);

/// <summary>
/// The province's problem ledger (issue 4, point 11): by default 100,000 problems over the projects of
/// <see cref="ProvinceProjects"/>, raised over the ~6 months before <c>today</c> (a working day's hours, China time), with
/// categories, sources and responsible departments of the project's county (or city) as people raise them. Status by age:
/// of those raised in the last two weeks 55 % open, 20 % answered, 25 % closed; of older ones 28 / 9 / 63 % (about 30 /
/// 10 / 60 % overall). Deadlines follow the default ladder (<see cref="EscalationLadder.Default"/>) and the calendar given;
/// each problem's level is what the escalation sweep would have made of it up to <c>lastSweep</c> (by default a week
/// before today: the sweep has not run since), so a sweep today has work: every open problem whose level deadline passed
/// in the last week climbs, most by one or two levels. History: 提出 (with its department), 退回 or 受理, each automatic
/// escalation, 办结答复, 核实销号. Deterministic for (count, seed, projects, today, lastSweep, calendar).
/// </summary>
public static class ProvinceProblems
{
    public const int DefaultCount = 100_000;
    public const int DefaultSeed = 2026;
    public const int Days = 183;
    public const int DefaultLastSweepDaysAgo = 7;

    /// <summary>The five departments each city and each county-level unit gets (责任部门), in the order of <see cref="DepartmentRef.Index"/>.</summary>
    public static readonly string[] Departments = ["发展和改革委员会", "自然资源和规划局", "住房和城乡建设局", "生态环境局", "交通运输局"];

    /// <summary>Units that get departments: every city and county-level unit (all 200).</summary>
    public static IEnumerable<UnitSpec> DepartmentOwners => ProvinceUnits.All;

    private static readonly (ProblemCategory Category, double Weight, int[] Departments, string[] Titles)[] Categories =
    [
        (ProblemCategory.Approvals, 24, [0, 2], ["施工许可证办理滞后", "可研批复未下达", "规划许可待审批", "能评手续未办结", "立项备案信息需变更"]),
        (ProblemCategory.Land, 20, [1], ["用地指标未落实", "土地组卷报批滞后", "林地占用手续待办", "基本农田调整待批复", "土地出让价款争议"]),
        (ProblemCategory.Funding, 14, [0], ["专项债资金未到位", "银行贷款审批缓慢", "配套资金缺口较大", "中央预算内资金拨付滞后"]),
        (ProblemCategory.Labour, 5, [0], ["施工用工短缺", "技术工人招聘困难"]),
        (ProblemCategory.Utilities, 15, [2, 4], ["施工用电未接入", "供水管网未接通", "进场道路未修通", "天然气管线未配套"]),
        (ProblemCategory.Environment, 9, [3], ["环评批复未取得", "扬尘管控停工", "排污许可待办理"]),
        (ProblemCategory.Demolition, 8, [2], ["征地拆迁未完成", "地上附着物补偿未达成一致", "杆线迁改滞后"]),
        (ProblemCategory.Other, 5, [0, 1, 2, 3, 4], ["群众阻工", "设计方案需调整", "施工单位协调困难"]),
    ];

    private static readonly (ProblemSource Source, double Weight, string Raiser)[] Sources =
    [
        (ProblemSource.ProjectUnit, 35, "项目单位联络员"), (ProblemSource.ServiceOfficer, 30, "首席服务官"), (ProblemSource.Inspection, 10, "督查组"),
        (ProblemSource.Meeting, 15, "调度会"), (ProblemSource.Leader, 10, "分包领导"),
    ];

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTime Utc(DateOnly day, int minutes) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(0, 0)).AddMinutes(minutes), China);

    /// <summary>
    /// The problems, in raising order within each project index. <paramref name="projects"/> are the units of the projects of
    /// <see cref="ProvinceProjects.Generate"/>, in its order.
    /// </summary>
    public static IEnumerable<GeneratedProblem> Generate(IReadOnlyList<UnitSpec> projects, DateOnly today, WorkingCalendar calendar,
        int count = DefaultCount, int seed = DefaultSeed, int lastSweepDaysAgo = DefaultLastSweepDaysAgo)
    {
        var r = new Random(seed);
        var ladder = EscalationLadder.Default;
        var lastSweep = today.AddDays(-lastSweepDaysAgo);
        var byName = ProvinceUnits.All.ToDictionary(u => u.Name);
        for (var i = 0; i < count; i++)
        {
            var projectIndex = r.Next(projects.Count);
            var unit = projects[projectIndex];
            var age = r.Next(Days);
            var raisedOn = today.AddDays(-age);
            // Mostly on working days: a weekend's problem is usually written up on the Monday.
            if (!calendar.IsWorkingDay(raisedOn) && r.NextDouble() < 0.8) raisedOn = calendar.OnOrAfter(raisedOn);
            if (raisedOn > today) raisedOn = today;
            var raisedMinutes = 8 * 60 + 30 + r.Next(9 * 60 + 30);
            if (raisedOn == today) raisedMinutes = Math.Min(raisedMinutes, 8 * 60 + 30); // before the bench starts, whenever that is
            var raisedAt = Utc(raisedOn, raisedMinutes);

            var cat = Pick(r, Categories, c => c.Weight);
            var src = Pick(r, Sources, s => s.Weight);
            var title = unit.Short + "：" + cat.Titles[r.Next(cat.Titles.Length)];
            var description = $"{title}，影响项目按期推进，需协调解决（{src.Raiser}反映，编号 {i + 1}）。";

            var recent = (today.DayNumber - raisedOn.DayNumber) < 14;
            var roll = r.NextDouble();
            var status = recent
                ? roll < 0.55 ? Open(r) : roll < 0.75 ? ProblemStatus.Answered : ProblemStatus.Closed
                : roll < 0.28 ? Open(r) : roll < 0.37 ? ProblemStatus.Answered : ProblemStatus.Closed;

            // The department: the project's county's own (70 %) or its city's; a fresh 待受理 is sometimes not assigned yet.
            DepartmentRef? department = null;
            if (status != ProblemStatus.Pending || r.NextDouble() >= 0.25)
            {
                var owner = unit.Kind == OrgKind.City || r.NextDouble() >= 0.7 ? CityOf(unit, byName) : unit;
                department = new DepartmentRef(owner.Name, cat.Departments[r.Next(cat.Departments.Length)]);
            }

            var due = ladder.DeadlineAt(1, raisedOn, calendar);
            var steps = new List<GeneratedStep>(6)
            {
                new(ProblemAction.Raised, ProblemStatus.Pending, ProblemStatus.Pending, 1, 1, due, due, department, null, src.Raiser, raisedAt),
            };

            // When it was answered (answered and closed ones): 0–15 working days after raising, not after today.
            DateOnly? answeredOn = null;
            if (status is ProblemStatus.Answered or ProblemStatus.Closed)
            {
                var a = calendar.AddWorkingDays(raisedOn, r.Next(16));
                answeredOn = a > today ? today : a;
            }
            // Accepted (受理) within two working days, before any answer; sent back (退回) likewise.
            if (department is not null && status != ProblemStatus.Pending)
            {
                var on = calendar.AddWorkingDays(raisedOn, r.Next(3));
                if (answeredOn is { } ans && on > ans) on = ans;
                if (on > today) on = today;
                var at = Utc(on, on == raisedOn ? raisedMinutes + 30 : 9 * 60 + r.Next(8 * 60));
                if (on == today) at = raisedAt.AddMinutes(5);
                steps.Add(status == ProblemStatus.Returned
                    ? new(ProblemAction.SentBack, ProblemStatus.Pending, ProblemStatus.Returned, 1, 1, due, due, department, "非本部门职责，请重新交办", department.Value.Name, at)
                    : new(ProblemAction.Accepted, ProblemStatus.Pending, ProblemStatus.InProgress, 1, 1, due, due, department, null, department.Value.Name, at));
            }

            // Escalations the sweep made while it was open, up to its last run (or the answer).
            var level = 1;
            var deadline = due;
            var until = answeredOn is { } answered && answered < lastSweep ? answered : lastSweep;
            var openStatus = status is ProblemStatus.Answered or ProblemStatus.Closed ? ProblemStatus.InProgress : status;
            foreach (var st in ladder.DueSteps(openStatus, 1, due, until, calendar))
            {
                steps.Add(new(ProblemAction.AutoEscalated, openStatus, openStatus, st.FromLevel, st.ToLevel, st.NewDeadline, due, null,
                    st.On.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "system:escalation-sweep", Utc(st.On, 5)));
                level = st.ToLevel;
                deadline = st.NewDeadline;
            }

            string? answer = null, answeredBy = null, verifiedBy = null;
            DateTime? answeredAt = null;
            DateOnly? closedOn = null;
            int? satisfaction = null;
            var updated = steps.Max(s => s.AtUtc);
            if (answeredOn is { } ao)
            {
                answeredBy = department?.Name ?? "首席服务官";
                answer = "已协调" + cat.Titles[0][..2] + "事宜，问题已解决。";
                answeredAt = ao == today ? raisedAt.AddMinutes(10) : Utc(ao, 14 * 60 + r.Next(180));
                if (answeredAt < updated) answeredAt = updated.AddMinutes(1);
                steps.Add(new(ProblemAction.Answered, ProblemStatus.InProgress, ProblemStatus.Answered, level, level, deadline, due, department, answer, answeredBy, answeredAt.Value));
                updated = answeredAt.Value;
                if (status == ProblemStatus.Closed)
                {
                    var c = calendar.AddWorkingDays(ao, r.Next(4));
                    closedOn = c > today ? today : c;
                    satisfaction = Pick(r, Satisfactions, s => s.Weight).Value;
                    verifiedBy = src.Raiser;
                    var verifiedAt = closedOn == ao ? answeredAt.Value.AddMinutes(30) : Utc(closedOn.Value, 10 * 60 + r.Next(360));
                    steps.Add(new(ProblemAction.Verified, ProblemStatus.Answered, ProblemStatus.Closed, level, level, deadline, due, department, "现场核实已落实", verifiedBy, verifiedAt));
                    updated = verifiedAt;
                }
            }

            yield return new GeneratedProblem(projectIndex, title, description, cat.Category, src.Source, src.Raiser, raisedAt, raisedOn, department, status,
                level, deadline, due, answer, answeredBy, answeredAt, closedOn, verifiedBy, satisfaction, updated, steps);
        }
    }

    private static readonly (int Value, double Weight)[] Satisfactions = [(5, 50), (4, 30), (3, 12), (2, 5), (1, 3)];

    private static ProblemStatus Open(Random r)
    {
        var x = r.NextDouble();
        return x < 0.40 ? ProblemStatus.Pending : x < 0.95 ? ProblemStatus.InProgress : ProblemStatus.Returned;
    }

    private static UnitSpec CityOf(UnitSpec unit, Dictionary<string, UnitSpec> byName) =>
        unit.Kind == OrgKind.City ? unit : byName[unit.Parent];

    private static T Pick<T>(Random r, T[] items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var x = r.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0) return item;
        }
        return items[^1];
    }
}
