using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Progress;

/// <summary>
/// What a monthly report must satisfy, and the figures it completes. Blocking rules refuse the report; integrity
/// checks let it through with flags for the reviewer (<see cref="Flags"/>).
/// </summary>
public static class ReportRules
{
    /// <summary>Figures that differ by less than this are the same (ledgers round to 0.01 万元).</summary>
    public const decimal Tolerance = 0.01m;

    public const int MaxImageProgressLength = 1000;

    /// <summary>A month this many times the project's usual (median) month is flagged.</summary>
    public const decimal PaceFactor = 3m;

    /// <summary>Money in place below this share of the work done since the start is flagged.</summary>
    public const decimal FundsShareFloor = 0.3m;

    /// <summary>This many months in a row with nothing done while under construction is flagged.</summary>
    public const int StalledMonths = 3;

    public static Result<ReportFigures> Complete(ReportInput input, ReportContext context)
    {
        var errors = new List<DomainError>();
        void Amount(string field, decimal? value)
        {
            if (value is not { } v) return;
            if (v < 0) errors.Add(new FieldInvalid(field, "Error.AmountNegative"));
            else if (v > Money.MaxWan) errors.Add(new FieldInvalid(field, "Error.AmountTooLarge"));
            else if (!Money.HasAtMostMaxDecimals(v)) errors.Add(new FieldInvalid(field, "Error.AmountTooPrecise", Money.MaxDecimals));
        }
        Amount(nameof(input.MonthCompleted), input.MonthCompleted);
        Amount(nameof(input.YtdCompleted), input.YtdCompleted);
        Amount(nameof(input.SinceStartCompleted), input.SinceStartCompleted);
        Amount(nameof(input.StatisticalYtd), input.StatisticalYtd);
        foreach (var (source, amount) in input.FundsMonth.BySource()) Amount("Funds." + source, amount);
        if (input.Workers is < 0 or > 1_000_000) errors.Add(new FieldInvalid(nameof(input.Workers), "Error.Report.WorkersOutOfRange"));
        if (input.ImageProgress is { Length: > MaxImageProgressLength }) errors.Add(new FieldInvalid(nameof(input.ImageProgress), "Error.TooLong", MaxImageProgressLength));
        if (!Enum.IsDefined(input.StartStatus)) errors.Add(new FieldInvalid(nameof(input.StartStatus), "Error.ValueUnknown"));
        if (input.StartStatus == StartStatus.Stopped && input.StopReason is null)
            errors.Add(new FieldInvalid(nameof(input.StopReason), "Error.Report.StopReasonRequired"));
        if (input.StopReason is { } r && !Enum.IsDefined(r)) errors.Add(new FieldInvalid(nameof(input.StopReason), "Error.ValueUnknown"));
        if (input.MonthCompleted is null && input.YtdCompleted is null)
            errors.Add(new FieldInvalid(nameof(input.MonthCompleted), "Error.Required"));
        if (errors.Count > 0) return Result<ReportFigures>.Fail(errors);

        // The month before in the same year carries the year's running total; January starts afresh.
        var previous = context.PreviousFigures;
        var sameYear = previous is not null && context.PreviousPeriod is { } pp && pp.Year == context.Period.Year;
        var previousYtd = sameYear ? previous!.YtdCompleted : 0m;
        var previousSinceStart = previous?.SinceStartCompleted ?? 0m;

        var month = input.MonthCompleted ?? input.YtdCompleted!.Value - previousYtd;
        var ytd = input.YtdCompleted ?? previousYtd + month;
        // Month and year-to-date must agree with the month before; with a gap (history loaded for one month only, or months
        // never reported) there is nothing to check them against, and the year-to-date figure is the one that counts.
        var contiguous = context.Period.Month == 1 || context.PreviousPeriod == context.Period.Previous;
        if (contiguous && input.MonthCompleted is not null && input.YtdCompleted is not null && Math.Abs(previousYtd + month - ytd) >= Tolerance)
            errors.Add(new FieldInvalid(nameof(input.YtdCompleted), "Error.Report.YtdInconsistent", previousYtd, month));
        if (ytd + Tolerance <= previousYtd)
            errors.Add(new FieldInvalid(nameof(input.YtdCompleted), "Error.Report.CumulativeDecreased", previousYtd));
        else if (month < 0)
            errors.Add(new FieldInvalid(nameof(input.MonthCompleted), "Error.AmountNegative"));

        var sinceStart = input.SinceStartCompleted ?? (previous is null ? ytd : previousSinceStart + month);
        if (sinceStart + Tolerance <= previousSinceStart)
            errors.Add(new FieldInvalid(nameof(input.SinceStartCompleted), "Error.Report.CumulativeDecreased", previousSinceStart));
        if (sinceStart + Tolerance <= ytd)
            errors.Add(new FieldInvalid(nameof(input.SinceStartCompleted), "Error.Report.SinceStartBelowYtd", ytd));
        if (sinceStart > context.TotalInvestment + Tolerance)
            errors.Add(new FieldInvalid(nameof(input.SinceStartCompleted), "Error.Report.BeyondTotal", context.TotalInvestment));
        if (errors.Count > 0) return Result<ReportFigures>.Fail(errors);

        var fundsCumulative = (previous?.FundsCumulative ?? Funds.None).Plus(input.FundsMonth);
        return new ReportFigures
        {
            MonthCompleted = month,
            YtdCompleted = ytd,
            SinceStartCompleted = sinceStart,
            FundsMonth = input.FundsMonth,
            FundsCumulative = fundsCumulative,
            FundsYtd = (sameYear ? previous!.FundsYtd : 0m) + input.FundsMonth.Total,
            StartStatus = input.StartStatus,
            StopReason = input.StartStatus == StartStatus.Stopped ? input.StopReason : null,
            Workers = input.Workers,
            ImageProgress = string.IsNullOrWhiteSpace(input.ImageProgress) ? null : input.ImageProgress.Trim(),
            StatisticalYtd = input.StatisticalYtd,
        };
    }

    /// <summary>Figures that pass the rules but that a reviewer should look at before approving.</summary>
    public static IReadOnlyList<IntegrityFlag> Flags(ReportFigures figures, ReportContext context)
    {
        var flags = new List<IntegrityFlag>();
        var months = context.RecentMonths.Where(m => m > 0).ToList();
        if (months.Count >= 2)
        {
            var sorted = months.Order().ToList();
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            if (median > 0 && figures.MonthCompleted > median * PaceFactor) flags.Add(IntegrityFlag.UnusualPace);
        }
        if (figures.SinceStartCompleted > 0 && figures.FundsCumulative.Total < figures.SinceStartCompleted * FundsShareFloor)
            flags.Add(IntegrityFlag.FundsFarBelowWork);
        if (context.UnderConstruction && figures.MonthCompleted == 0 && figures.StartStatus != StartStatus.Stopped
            && context.RecentMonths.Count >= StalledMonths - 1 && context.RecentMonths.TakeLast(StalledMonths - 1).All(m => m == 0))
            flags.Add(IntegrityFlag.Stalled);
        return flags;
    }
}
