using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;

namespace KeyProjects.Domain.Tests.Progress;

public class ReportRulesTests
{
    private static readonly Period May = new(2023, 5);

    private static ReportContext Context(ReportFigures? previous = null, Period? previousPeriod = null, decimal total = 10_000m,
        IReadOnlyList<decimal>? recent = null, bool underConstruction = true) =>
        new()
        {
            Period = May,
            TotalInvestment = total,
            PreviousFigures = previous,
            PreviousPeriod = previous is null ? null : previousPeriod ?? May.Previous,
            RecentMonths = recent ?? [],
            UnderConstruction = underConstruction,
        };

    private static readonly ReportFigures April = new()
    {
        MonthCompleted = 100m, YtdCompleted = 400m, SinceStartCompleted = 2400m, FundsYtd = 300m,
        FundsCumulative = new Funds(Local: 1000m, BankLoan: 1000m), StartStatus = StartStatus.Started,
    };

    [Fact]
    public void MonthOnly_DerivesTheCumulativeFigures_AndAddsTheFunds()
    {
        var r = ReportRules.Complete(new ReportInput { MonthCompleted = 150m, FundsMonth = new Funds(Central: 20m, SelfRaised: 30m) }, Context(April));
        r.Succeeded.ShouldBeTrue();
        r.Value.YtdCompleted.ShouldBe(550m);
        r.Value.SinceStartCompleted.ShouldBe(2550m);
        r.Value.FundsYtd.ShouldBe(350m);
        r.Value.FundsCumulative.Total.ShouldBe(2050m);
        r.Value.FundsCumulative.Central.ShouldBe(20m);
    }

    [Fact]
    public void YtdOnly_DerivesTheMonth_AndJanuaryStartsTheYearAfresh()
    {
        ReportRules.Complete(new ReportInput { YtdCompleted = 480m }, Context(April)).Value.MonthCompleted.ShouldBe(80m);
        var jan = ReportRules.Complete(new ReportInput { MonthCompleted = 90m }, Context(April, new Period(2022, 12)) with { Period = new Period(2023, 1) });
        jan.Value.YtdCompleted.ShouldBe(90m);
        jan.Value.SinceStartCompleted.ShouldBe(2490m);
        jan.Value.FundsYtd.ShouldBe(0m);
    }

    [Fact]
    public void AfterAGap_MonthAndYearToDateAreTakenAsGiven()
    {
        var r = ReportRules.Complete(new ReportInput { MonthCompleted = 50m, YtdCompleted = 700m }, Context(April, new Period(2023, 2)));
        r.Succeeded.ShouldBeTrue();
        r.Value.YtdCompleted.ShouldBe(700m);
        r.Value.MonthCompleted.ShouldBe(50m);
        var first = ReportRules.Complete(new ReportInput { MonthCompleted = 500m, YtdCompleted = 1_500m }, Context() with { Period = new Period(2023, 3) });
        first.Succeeded.ShouldBeTrue();
    }

    public static TheoryData<string, ReportInput, string, string> Refused => new()
    {
        { "negative month", new ReportInput { MonthCompleted = -1m }, "MonthCompleted", "Error.AmountNegative" },
        { "cumulative lower than last month", new ReportInput { YtdCompleted = 399m }, "YtdCompleted", "Error.Report.CumulativeDecreased" },
        { "month and ytd disagree", new ReportInput { MonthCompleted = 50m, YtdCompleted = 500m }, "YtdCompleted", "Error.Report.YtdInconsistent" },
        { "since start below last month", new ReportInput { MonthCompleted = 10m, SinceStartCompleted = 2000m }, "SinceStartCompleted", "Error.Report.CumulativeDecreased" },
        { "beyond total investment", new ReportInput { MonthCompleted = 7700m }, "SinceStartCompleted", "Error.Report.BeyondTotal" },
        { "nothing entered", new ReportInput(), "MonthCompleted", "Error.Required" },
        { "stopped without reason", new ReportInput { MonthCompleted = 0m, StartStatus = StartStatus.Stopped }, "StopReason", "Error.Report.StopReasonRequired" },
        { "unknown status", new ReportInput { MonthCompleted = 0m, StartStatus = (StartStatus)42 }, "StartStatus", "Error.ValueUnknown" },
        { "too many workers", new ReportInput { MonthCompleted = 1m, Workers = 2_000_000 }, "Workers", "Error.Report.WorkersOutOfRange" },
        { "negative funds", new ReportInput { MonthCompleted = 1m, FundsMonth = new Funds(BankLoan: -5m) }, "Funds.BankLoan", "Error.AmountNegative" },
        { "too precise", new ReportInput { MonthCompleted = 1.00001m }, "MonthCompleted", "Error.AmountTooPrecise" },
        { "image progress too long", new ReportInput { MonthCompleted = 1m, ImageProgress = new string('主', 1001) }, "ImageProgress", "Error.TooLong" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void BlockingRules_RefuseWithTheFieldAndMessage(string name, ReportInput input, string field, string key)
    {
        var r = ReportRules.Complete(input, Context(April));
        r.Succeeded.ShouldBeFalse(name);
        r.Errors.OfType<FieldInvalid>().ShouldContain(e => e.Field == field && e.MessageKey == key, name);
    }

    [Fact]
    public void Flags_UnusualPace_FundsFarBelowWork_Stalled()
    {
        var fast = ReportRules.Complete(new ReportInput { MonthCompleted = 500m }, Context(April)).Value;
        ReportRules.Flags(fast, Context(April, recent: [100m, 90m, 110m])).ShouldContain(IntegrityFlag.UnusualPace);
        ReportRules.Flags(fast, Context(April, recent: [150m, 200m, 180m])).ShouldNotContain(IntegrityFlag.UnusualPace);

        var poor = ReportRules.Complete(new ReportInput { MonthCompleted = 100m }, Context(April with { FundsCumulative = new Funds(Local: 500m) })).Value;
        ReportRules.Flags(poor, Context()).ShouldContain(IntegrityFlag.FundsFarBelowWork);

        var idle = ReportRules.Complete(new ReportInput { MonthCompleted = 0m }, Context(April)).Value;
        ReportRules.Flags(idle, Context(April, recent: [50m, 0m, 0m])).ShouldContain(IntegrityFlag.Stalled);
        ReportRules.Flags(idle, Context(April, recent: [50m, 10m, 0m])).ShouldNotContain(IntegrityFlag.Stalled);
        ReportRules.Flags(idle, Context(April, recent: [0m, 0m], underConstruction: false)).ShouldNotContain(IntegrityFlag.Stalled);
    }
}

public class ReportWorkflowTests
{
    public static TheoryData<ReportStatus, ReportAction, ReportStatus?> Moves => new()
    {
        { ReportStatus.Draft, ReportAction.Submit, ReportStatus.Submitted },
        { ReportStatus.Returned, ReportAction.Submit, ReportStatus.Submitted },
        { ReportStatus.Submitted, ReportAction.Approve, ReportStatus.Approved },
        { ReportStatus.Submitted, ReportAction.Return, ReportStatus.Returned },
        { ReportStatus.Approved, ReportAction.Return, ReportStatus.Returned },
        { ReportStatus.Approved, ReportAction.Lock, ReportStatus.Locked },
        { ReportStatus.Locked, ReportAction.Reopen, ReportStatus.Returned },
        { ReportStatus.Draft, ReportAction.Approve, null },
        { ReportStatus.Submitted, ReportAction.Edit, null },
        { ReportStatus.Approved, ReportAction.Submit, null },
        { ReportStatus.Locked, ReportAction.Edit, null },
        { ReportStatus.Locked, ReportAction.Return, null },
        { ReportStatus.Draft, ReportAction.Reopen, null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Next(ReportStatus from, ReportAction action, ReportStatus? to) => ReportWorkflow.Next(from, action).ShouldBe(to);

    [Fact]
    public void ReturnAndReopen_NeedAReason_AndALockedReportSaysSo()
    {
        ReportWorkflow.Apply(ReportStatus.Submitted, ReportAction.Return, " ").Errors.OfType<FieldInvalid>().Single().MessageKey.ShouldBe("Error.ReasonRequired");
        ReportWorkflow.Apply(ReportStatus.Locked, ReportAction.Reopen).Succeeded.ShouldBeFalse();
        ReportWorkflow.Apply(ReportStatus.Locked, ReportAction.Reopen, "统计局更正").Value.ShouldBe(ReportStatus.Returned);
        ReportWorkflow.Apply(ReportStatus.Locked, ReportAction.Edit).Errors.OfType<RuleBroken>().Single().MessageKey.ShouldBe("Error.Report.Locked");
    }
}

public class PeriodTests
{
    [Theory]
    [InlineData("2023-05-31", 2023, 5)]
    [InlineData("2023-06-10", 2023, 5)]
    [InlineData("2023-01-01", 2022, 12)]
    [InlineData("2024-02-29", 2024, 2)]
    public void LastCompleteOn(string date, int year, int month) =>
        Period.LastCompleteOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(new Period(year, month));

    [Theory]
    [InlineData("2023-05", true)]
    [InlineData("2023-13", false)]
    [InlineData("2023-5x", false)]
    [InlineData("", false)]
    public void TryParse(string text, bool ok) => Period.TryParse(text, out _).ShouldBe(ok);

    [Fact]
    public void Schedule_OpensOnThe25th_DueOnThe5thOfTheNextMonth()
    {
        var s = ReportingSchedule.Default;
        var may = new Period(2023, 5);
        s.StateOn(may, new DateOnly(2023, 5, 24)).ShouldBe(PeriodState.NotOpen);
        s.StateOn(may, new DateOnly(2023, 5, 25)).ShouldBe(PeriodState.Open);
        s.StateOn(may, new DateOnly(2023, 6, 5)).ShouldBe(PeriodState.Open);
        s.StateOn(may, new DateOnly(2023, 6, 6)).ShouldBe(PeriodState.Overdue);
        new ReportingSchedule(31, 5).OpensOn(new Period(2023, 2)).ShouldBe(new DateOnly(2023, 2, 28));
        new Period(2023, 12).Next.ShouldBe(new Period(2024, 1));
        new Period(2023, 5).ToString().ShouldBe("2023-05");
    }
}
