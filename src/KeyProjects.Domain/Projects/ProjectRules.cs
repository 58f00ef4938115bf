using System.Text.RegularExpressions;
using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Projects;

/// <summary>What makes a project record acceptable. Pure: the caller supplies "today".</summary>
public static partial class ProjectRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxShortTextLength = 100;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static IReadOnlyList<DomainError> Validate(ProjectDraft d, DateOnly today)
    {
        var errors = new List<DomainError>();

        var code = ProjectCode.Normalize(d.Code);
        if (code.Length == 0) errors.Add(new FieldInvalid(nameof(d.Code), "Error.Project.CodeRequired"));
        else if (!ProjectCode.IsValid(code)) errors.Add(new FieldInvalid(nameof(d.Code), "Error.Project.CodeInvalid", ProjectCode.MaxLength));

        Required(errors, nameof(d.Name), d.Name, MaxNameLength);
        Optional(errors, nameof(d.Content), d.Content, MaxTextLength);
        Optional(errors, nameof(d.Location), d.Location, MaxNameLength);
        Optional(errors, nameof(d.UnitName), d.UnitName, MaxShortTextLength);
        Optional(errors, nameof(d.ResponsibleUnit), d.ResponsibleUnit, MaxShortTextLength);
        Optional(errors, nameof(d.ContactName), d.ContactName, 50);
        Optional(errors, nameof(d.Remarks), d.Remarks, MaxTextLength);
        Phone(errors, nameof(d.ContactPhone), d.ContactPhone);

        if (d.OrgId <= 0) errors.Add(new FieldInvalid(nameof(d.OrgId), "Error.Project.OrgRequired"));
        if (d.Levels == ProjectLevel.None && d.Stage > ProjectStage.Reserve)
            errors.Add(new FieldInvalid(nameof(d.Levels), "Error.Project.LevelRequired"));
        if (((int)d.Levels & ~7) != 0) errors.Add(new FieldInvalid(nameof(d.Levels), "Error.ValueUnknown"));
        EnumDefined(errors, nameof(d.Stage), d.Stage);
        if (d.InvestmentKind is { } ik) EnumDefined(errors, nameof(d.InvestmentKind), ik);
        if (d.ManagementCategory is { } mc) EnumDefined(errors, nameof(d.ManagementCategory), mc);
        if (d.Sector is { } s) EnumDefined(errors, nameof(d.Sector), s);

        Amount(errors, nameof(d.TotalInvestment), d.TotalInvestment, allowZero: false);

        var years = new HashSet<int>();
        for (var i = 0; i < d.YearPlans.Count; i++)
        {
            var plan = d.YearPlans[i];
            var prefix = $"{nameof(d.YearPlans)}[{i}].";
            if (plan.Year is < MinYear or > MaxYear)
                errors.Add(new FieldInvalid(prefix + nameof(plan.Year), "Error.Project.YearOutOfRange", MinYear, MaxYear));
            else if (!years.Add(plan.Year))
                errors.Add(new FieldInvalid(prefix + nameof(plan.Year), "Error.Project.YearDuplicate", plan.Year));
            if (Amount(errors, prefix + nameof(plan.PlannedInvestment), plan.PlannedInvestment, allowZero: true)
                && d.TotalInvestment > 0 && plan.PlannedInvestment > d.TotalInvestment)
                errors.Add(new FieldInvalid(prefix + nameof(plan.PlannedInvestment), "Error.Project.PlanAboveTotal", plan.Year));
            if (plan.Kind is { } k) EnumDefined(errors, prefix + nameof(plan.Kind), k);
        }

        PlausibleDates.Check(errors, today, (nameof(d.PlannedStart), d.PlannedStart), (nameof(d.PlannedCompletion), d.PlannedCompletion),
            (nameof(d.ActualStart), d.ActualStart), (nameof(d.ActualCompletion), d.ActualCompletion), (nameof(d.StatisticsEntry), d.StatisticsEntry));
        DatesInOrder(errors, nameof(d.PlannedCompletion), d.PlannedStart, d.PlannedCompletion, "Error.Project.PlannedCompletionBeforeStart");
        DatesInOrder(errors, nameof(d.ActualCompletion), d.ActualStart, d.ActualCompletion, "Error.Project.ActualCompletionBeforeStart");
        NotFuture(errors, nameof(d.ActualStart), d.ActualStart, today);
        NotFuture(errors, nameof(d.ActualCompletion), d.ActualCompletion, today);
        NotFuture(errors, nameof(d.StatisticsEntry), d.StatisticsEntry, today);
        if (d.ActualCompletion is not null && d.ActualStart is null)
            errors.Add(new FieldInvalid(nameof(d.ActualStart), "Error.Project.CompletedWithoutStart"));
        if (d.ActualStart is not null && d.Stage < ProjectStage.Started)
            errors.Add(new FieldInvalid(nameof(d.Stage), "Error.Project.StageBeforeStartButStarted"));
        if (d.ActualCompletion is not null && d.Stage < ProjectStage.Completed)
            errors.Add(new FieldInvalid(nameof(d.Stage), "Error.Project.StageBeforeCompletionButCompleted"));

        var lists = new HashSet<ProjectList>();
        for (var i = 0; i < d.Lists.Count; i++)
        {
            var m = d.Lists[i];
            var prefix = $"{nameof(d.Lists)}[{i}].";
            if (!Enum.IsDefined(m.List)) { errors.Add(new FieldInvalid(prefix + nameof(m.List), "Error.ValueUnknown")); continue; }
            if (!lists.Add(m.List)) errors.Add(new FieldInvalid(prefix + nameof(m.List), "Error.Project.ListDuplicate", m.List));
            if (m.List == ProjectList.ThreeBatches)
            {
                if (m.Period is not (>= 1 and <= 99)) errors.Add(new FieldInvalid(prefix + nameof(m.Period), "Error.Project.PeriodRequired"));
                if (m.Batch is null || !Enum.IsDefined(m.Batch.Value)) errors.Add(new FieldInvalid(prefix + nameof(m.Batch), "Error.Project.BatchRequired"));
            }
            else if (m.Period is not null || m.Batch is not null || m.ExitedOn is not null)
                errors.Add(new FieldInvalid(prefix + nameof(m.Period), "Error.Project.PeriodOnlyForThreeBatches"));
            if (m.Scope is { } scope && !Enum.IsDefined(scope)) errors.Add(new FieldInvalid(prefix + nameof(m.Scope), "Error.ValueUnknown"));
            NotFuture(errors, prefix + nameof(m.ExitedOn), m.ExitedOn, today);
        }

        for (var i = 0; i < d.Team.Count; i++)
        {
            var t = d.Team[i];
            var prefix = $"{nameof(d.Team)}[{i}].";
            if (!Enum.IsDefined(t.Role)) errors.Add(new FieldInvalid(prefix + nameof(t.Role), "Error.ValueUnknown"));
            Required(errors, prefix + nameof(t.Name), t.Name, 50);
            Optional(errors, prefix + nameof(t.Title), t.Title, 50);
            Phone(errors, prefix + nameof(t.Phone), t.Phone);
        }

        return errors;
    }

    /// <summary>
    /// 新建 or 续建 in a plan year when the ledger does not say: a project whose construction began (or was due to
    /// begin) before that year carries over; otherwise it is new that year.
    /// </summary>
    public static ConstructionKind DefaultConstructionKind(int year, DateOnly? plannedStart, DateOnly? actualStart)
    {
        var start = actualStart ?? plannedStart;
        return start is { } s && s.Year < year ? ConstructionKind.Continuing : ConstructionKind.New;
    }

    private static void Required(List<DomainError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new FieldInvalid(field, "Error.Required"));
        else if (value.Trim().Length > max) errors.Add(new FieldInvalid(field, "Error.TooLong", max));
    }

    private static void Optional(List<DomainError> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(new FieldInvalid(field, "Error.TooLong", max));
    }

    private static void Phone(List<DomainError> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !PhonePattern().IsMatch(value.Trim()))
            errors.Add(new FieldInvalid(field, "Error.PhoneInvalid"));
    }

    private static bool Amount(List<DomainError> errors, string field, decimal value, bool allowZero)
    {
        if (value < 0 || (!allowZero && value == 0)) errors.Add(new FieldInvalid(field, allowZero ? "Error.AmountNegative" : "Error.AmountNotPositive"));
        else if (value > Money.MaxWan) errors.Add(new FieldInvalid(field, "Error.AmountTooLarge"));
        else if (!Money.HasAtMostMaxDecimals(value)) errors.Add(new FieldInvalid(field, "Error.AmountTooPrecise", Money.MaxDecimals));
        else return true;
        return false;
    }

    private static void EnumDefined<T>(List<DomainError> errors, string field, T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) errors.Add(new FieldInvalid(field, "Error.ValueUnknown"));
    }

    private static void DatesInOrder(List<DomainError> errors, string field, DateOnly? start, DateOnly? end, string key)
    {
        if (start is { } s && end is { } e && e < s) errors.Add(new FieldInvalid(field, key));
    }

    private static void NotFuture(List<DomainError> errors, string field, DateOnly? date, DateOnly today)
    {
        if (date is { } d && d > today) errors.Add(new FieldInvalid(field, "Error.DateInFuture"));
    }

    [GeneratedRegex(@"^[0-9+\-() ]{5,20}$")]
    private static partial Regex PhonePattern();
}
