using KeyProjects.Domain.Common;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Tests.Common;
using static KeyProjects.Domain.Tests.Projects.ProjectDrafts;

namespace KeyProjects.Domain.Tests.Projects;

public sealed class ProjectRulesTests
{
    private static IReadOnlyList<DomainError> Check(ProjectDraft draft) => ProjectRules.Validate(draft, Today);

    [Fact]
    public void Validate_WhenDraftIsValid_ReportsNothing()
    {
        Check(Valid()).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenOnlyRequiredFieldsGiven_ReportsNothing()
    {
        var draft = new ProjectDraft { Code = "PY-2023-001", Name = "某项目", OrgId = 1, Levels = ProjectLevel.County, TotalInvestment = 1m };

        Check(draft).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenSeveralRulesBroken_ReportsEveryOne()
    {
        var draft = Valid() with { Code = "", Name = " ", OrgId = 0, TotalInvestment = 0m, YearPlans = [] };

        Check(draft).Select(e => (e.Field, e.MessageKey)).ShouldBe(
        [
            ("Code", "Error.Project.CodeRequired"),
            ("Name", "Error.Required"),
            ("OrgId", "Error.Project.OrgRequired"),
            ("TotalInvestment", "Error.AmountNotPositive"),
        ]);
    }

    // ---- code

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Validate_WhenCodeBlank_ReportsCodeRequired(string code)
    {
        Check(Valid() with { Code = code }).ShouldBeSingleFieldError("Code", "Error.Project.CodeRequired");
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("-2301-410928")]
    [InlineData("2301-410928-")]
    [InlineData("2301_410928")]
    [InlineData("2301/410928")]
    [InlineData("濮阳县001")]
    [InlineData("2301.410928")]
    public void Validate_WhenCodeMalformed_ReportsCodeInvalid(string code)
    {
        Check(Valid() with { Code = code }).ShouldBeSingleFieldError("Code", "Error.Project.CodeInvalid").Args.ShouldBe([ProjectCode.MaxLength]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(41)]
    public void Validate_WhenCodeShorterThanFourOrLongerThanForty_ReportsCodeInvalid(int length)
    {
        Check(Valid() with { Code = new string('A', length) }).ShouldBeSingleFieldError("Code", "Error.Project.CodeInvalid");
    }

    [Theory]
    [InlineData("2301-410928-04-01-512345")]
    [InlineData("py-2023-001")]
    [InlineData("2301－410928－04－01－512345")]
    [InlineData("2301—410928—04—01—512345")]
    [InlineData(" 2301-410928-04-01-512345 ")]
    [InlineData("2301 410928")]
    [InlineData("ABCD")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Validate_WhenCodeInAcceptedForm_ReportsNothing(string code)
    {
        Check(Valid() with { Code = code }).ShouldBeEmpty();
    }

    // ---- name and texts

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\u3000")]
    public void Validate_WhenNameBlank_ReportsRequired(string name)
    {
        Check(Valid() with { Name = name }).ShouldBeSingleFieldError("Name", "Error.Required");
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(201, true)]
    public void Validate_WhenNameLongerThanTwoHundred_ReportsTooLong(int length, bool tooLong)
    {
        var errors = Check(Valid() with { Name = new string('项', length) });

        if (tooLong) errors.ShouldBeSingleFieldError("Name", "Error.TooLong").Args.ShouldBe([ProjectRules.MaxNameLength]);
        else errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_CountsNameLengthWithoutSurroundingSpaces()
    {
        Check(Valid() with { Name = "  " + new string('项', 200) + "  " }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Content", 2000)]
    [InlineData("Location", 200)]
    [InlineData("UnitName", 100)]
    [InlineData("ResponsibleUnit", 100)]
    [InlineData("ContactName", 50)]
    [InlineData("Remarks", 2000)]
    public void Validate_WhenOptionalTextLongerThanItsLimit_ReportsTooLong(string field, int max)
    {
        Check(WithText(field, new string('字', max))).ShouldBeEmpty();
        Check(WithText(field, new string('字', max + 1))).ShouldBeSingleFieldError(field, "Error.TooLong").Args.ShouldBe([max]);
    }

    [Theory]
    [InlineData("Content")]
    [InlineData("Location")]
    [InlineData("UnitName")]
    [InlineData("ResponsibleUnit")]
    [InlineData("ContactName")]
    [InlineData("Remarks")]
    public void Validate_WhenOptionalTextMissing_ReportsNothing(string field)
    {
        Check(WithText(field, null)).ShouldBeEmpty();
        Check(WithText(field, "")).ShouldBeEmpty();
    }

    private static ProjectDraft WithText(string field, string? text) => field switch
    {
        "Content" => Valid() with { Content = text },
        "Location" => Valid() with { Location = text },
        "UnitName" => Valid() with { UnitName = text },
        "ResponsibleUnit" => Valid() with { ResponsibleUnit = text },
        "ContactName" => Valid() with { ContactName = text },
        "Remarks" => Valid() with { Remarks = text },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    // ---- organisation, level, classifications

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_WhenOrgMissing_ReportsOrgRequired(int orgId)
    {
        Check(Valid() with { OrgId = orgId }).ShouldBeSingleFieldError("OrgId", "Error.Project.OrgRequired");
    }

    [Theory]
    [InlineData(ProjectStage.Signed)]
    [InlineData(ProjectStage.Landed)]
    [InlineData(ProjectStage.Procedures)]
    [InlineData(ProjectStage.Started)]
    [InlineData(ProjectStage.UnderConstruction)]
    [InlineData(ProjectStage.Completed)]
    [InlineData(ProjectStage.InProduction)]
    [InlineData(ProjectStage.Effective)]
    public void Validate_WhenNoLevelFromSignedStageOn_ReportsLevelRequired(ProjectStage stage)
    {
        Check(Valid() with { Levels = ProjectLevel.None, Stage = stage }).ShouldBeSingleFieldError("Levels", "Error.Project.LevelRequired");
    }

    [Theory]
    [InlineData(ProjectStage.Planning)]
    [InlineData(ProjectStage.Reserve)]
    public void Validate_WhenNoLevelWhilePlanningOrReserve_ReportsNothing(ProjectStage stage)
    {
        Check(Valid() with { Levels = ProjectLevel.None, Stage = stage }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(ProjectLevel.Provincial)]
    [InlineData(ProjectLevel.City)]
    [InlineData(ProjectLevel.County)]
    [InlineData(ProjectLevel.Provincial | ProjectLevel.City)]
    [InlineData(ProjectLevel.Provincial | ProjectLevel.City | ProjectLevel.County)]
    public void Validate_WhenLevelsAreKnownFlags_ReportsNothing(ProjectLevel levels)
    {
        Check(Valid() with { Levels = levels }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    public void Validate_WhenLevelsHaveUnknownFlag_ReportsValueUnknown(int levels)
    {
        Check(Valid() with { Levels = (ProjectLevel)levels }).ShouldBeSingleFieldError("Levels", "Error.ValueUnknown");
    }

    [Theory]
    [InlineData("Stage", 0)]
    [InlineData("Stage", 11)]
    [InlineData("InvestmentKind", 0)]
    [InlineData("InvestmentKind", 3)]
    [InlineData("ManagementCategory", 4)]
    [InlineData("Sector", 10)]
    [InlineData("Sector", 100)]
    public void Validate_WhenClassificationUndefined_ReportsValueUnknown(string field, int value)
    {
        var draft = field switch
        {
            "Stage" => Valid() with { Stage = (ProjectStage)value },
            "InvestmentKind" => Valid() with { InvestmentKind = (InvestmentKind)value },
            "ManagementCategory" => Valid() with { ManagementCategory = (ManagementCategory)value },
            _ => Valid() with { Sector = (Sector)value },
        };

        Check(draft).ShouldBeSingleFieldError(field, "Error.ValueUnknown");
    }

    [Fact]
    public void Validate_WhenOptionalClassificationsMissing_ReportsNothing()
    {
        Check(Valid() with { InvestmentKind = null, ManagementCategory = null, Sector = null }).ShouldBeEmpty();
    }

    // ---- total investment

    [Theory]
    [InlineData("0")]
    [InlineData("-0.0001")]
    [InlineData("-1")]
    public void Validate_WhenTotalNotPositive_ReportsAmountNotPositive(string total)
    {
        Check(Valid() with { TotalInvestment = Wan(total) }).ShouldBeSingleFieldError("TotalInvestment", "Error.AmountNotPositive");
    }

    [Theory]
    [InlineData("100000000.0001")]
    [InlineData("1000000000")]
    public void Validate_WhenTotalAboveMaximum_ReportsAmountTooLarge(string total)
    {
        Check(Valid() with { TotalInvestment = Wan(total) }).ShouldBeSingleFieldError("TotalInvestment", "Error.AmountTooLarge");
    }

    [Theory]
    [InlineData("50000.00001")]
    [InlineData("60000.12345")]
    public void Validate_WhenTotalHasMoreThanFourDecimals_ReportsAmountTooPrecise(string total)
    {
        Check(Valid() with { TotalInvestment = Wan(total) }).ShouldBeSingleFieldError("TotalInvestment", "Error.AmountTooPrecise").Args.ShouldBe([Money.MaxDecimals]);
    }

    [Theory]
    [InlineData("0.0001")]
    [InlineData("1.2345")]
    [InlineData("1.23450")]
    [InlineData("7965000")]
    [InlineData("100000000")]
    public void Validate_WhenTotalPositiveWithinMaximumAndFourDecimals_ReportsNothing(string total)
    {
        // Without year plans, so that only the total is checked.
        Check(Valid() with { TotalInvestment = Wan(total), YearPlans = [] }).ShouldBeEmpty();
    }

    // ---- year plans

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    [InlineData(0)]
    [InlineData(23)]
    public void Validate_WhenPlanYearOutside2000To2100_ReportsYearOutOfRange(int year)
    {
        Check(Valid() with { YearPlans = [new YearPlanDraft(year, 100m)] })
            .ShouldBeSingleFieldError("YearPlans[0].Year", "Error.Project.YearOutOfRange").Args.ShouldBe([ProjectRules.MinYear, ProjectRules.MaxYear]);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void Validate_WhenPlanYearAtRangeBoundary_ReportsNothing(int year)
    {
        Check(Valid() with { YearPlans = [new YearPlanDraft(year, 100m)] }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenPlanYearRepeated_ReportsYearDuplicateAtTheRepeat()
    {
        var plans = new[] { new YearPlanDraft(2023, 100m), new YearPlanDraft(2024, 100m), new YearPlanDraft(2023, 200m) };

        Check(Valid() with { YearPlans = plans })
            .ShouldBeSingleFieldError("YearPlans[2].Year", "Error.Project.YearDuplicate").Args.ShouldBe([2023]);
    }

    [Fact]
    public void Validate_WhenSeveralYearsPlanned_ReportsNothing()
    {
        var plans = new[] { new YearPlanDraft(2023, 20_000m, ConstructionKind.New), new YearPlanDraft(2024, 30_000m, ConstructionKind.Continuing) };

        Check(Valid() with { YearPlans = plans }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("-0.0001", "Error.AmountNegative")]
    [InlineData("-100", "Error.AmountNegative")]
    [InlineData("100000000.0001", "Error.AmountTooLarge")]
    [InlineData("100.00001", "Error.AmountTooPrecise")]
    public void Validate_WhenPlannedAmountInvalid_ReportsAmountError(string planned, string messageKey)
    {
        Check(Valid() with { YearPlans = [new YearPlanDraft(2023, Wan(planned))] })
            .ShouldBeSingleFieldError("YearPlans[0].PlannedInvestment", messageKey);
    }

    [Theory]
    [InlineData("50000.0001")]
    [InlineData("50001")]
    [InlineData("100000000")]
    public void Validate_WhenPlanExceedsTotal_ReportsPlanAboveTotal(string planned)
    {
        // The builder's total is 50 000 万元.
        Check(Valid() with { YearPlans = [new YearPlanDraft(2023, Wan(planned))] })
            .ShouldBeSingleFieldError("YearPlans[0].PlannedInvestment", "Error.Project.PlanAboveTotal").Args.ShouldBe([2023]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0001")]
    [InlineData("49999.9999")]
    [InlineData("50000")]
    public void Validate_WhenPlanAtMostTotal_ReportsNothing(string planned)
    {
        Check(Valid() with { YearPlans = [new YearPlanDraft(2023, Wan(planned))] }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenTotalMissing_ReportsOnlyTheTotalNotEveryPlan()
    {
        Check(Valid() with { TotalInvestment = 0m }).ShouldBeSingleFieldError("TotalInvestment", "Error.AmountNotPositive");
    }

    [Fact]
    public void Validate_WhenPlanConstructionKindUndefined_ReportsValueUnknown()
    {
        Check(Valid() with { YearPlans = [new YearPlanDraft(2023, 100m, (ConstructionKind)3)] })
            .ShouldBeSingleFieldError("YearPlans[0].Kind", "Error.ValueUnknown");
    }

    // ---- planned and actual dates

    [Theory]
    [InlineData("2023-03-01", "2023-02-28", true)]
    [InlineData("2023-03-01", "2022-12-31", true)]
    [InlineData("2023-03-01", "2023-03-01", false)]
    [InlineData("2023-03-01", "2023-03-02", false)]
    public void Validate_WhenPlannedCompletionBeforeStart_ReportsPlannedCompletionBeforeStart(string start, string completion, bool reported)
    {
        var errors = Check(Valid() with { PlannedStart = Date(start), PlannedCompletion = Date(completion) });

        if (reported) errors.ShouldBeSingleFieldError("PlannedCompletion", "Error.Project.PlannedCompletionBeforeStart");
        else errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenPlannedDatesInTheFuture_ReportsNothing()
    {
        Check(Valid() with { PlannedStart = Today.AddYears(1), PlannedCompletion = Today.AddYears(3) }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Validate_WhenOnlyOnePlannedDateKnown_ReportsNothing(bool hasStart, bool hasCompletion)
    {
        var draft = Valid() with
        {
            PlannedStart = hasStart ? Date("2023-03-01") : null,
            PlannedCompletion = hasCompletion ? Date("2022-01-01") : null,
        };

        Check(draft).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2023-03-15", "2023-03-14", true)]
    [InlineData("2023-03-15", "2023-03-15", false)]
    [InlineData("2023-03-15", "2023-06-30", false)]
    public void Validate_WhenActualCompletionBeforeStart_ReportsActualCompletionBeforeStart(string start, string completion, bool reported)
    {
        var errors = Check(Valid() with { Stage = ProjectStage.Completed, ActualStart = Date(start), ActualCompletion = Date(completion) });

        if (reported) errors.ShouldBeSingleFieldError("ActualCompletion", "Error.Project.ActualCompletionBeforeStart");
        else errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ActualStart", 1, true)]
    [InlineData("ActualStart", 365, true)]
    [InlineData("ActualStart", 0, false)]
    [InlineData("ActualStart", -1, false)]
    [InlineData("ActualCompletion", 1, true)]
    [InlineData("ActualCompletion", 0, false)]
    [InlineData("StatisticsEntry", 1, true)]
    [InlineData("StatisticsEntry", 0, false)]
    [InlineData("StatisticsEntry", -30, false)]
    public void Validate_WhenActualDateAfterToday_ReportsDateInFuture(string field, int daysAfterToday, bool reported)
    {
        var date = Today.AddDays(daysAfterToday);
        var started = Valid() with { Stage = ProjectStage.Completed, ActualStart = Date("2023-01-10") };
        var draft = field switch
        {
            "ActualStart" => Valid() with { Stage = ProjectStage.Started, ActualStart = date },
            "ActualCompletion" => started with { ActualCompletion = date },
            _ => Valid() with { StatisticsEntry = date },
        };

        var errors = Check(draft);

        if (reported) errors.ShouldBeSingleFieldError(field, "Error.DateInFuture");
        else errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenCompletedWithoutStart_ReportsCompletedWithoutStart()
    {
        Check(Valid() with { Stage = ProjectStage.Completed, ActualCompletion = Date("2023-05-01") })
            .ShouldBeSingleFieldError("ActualStart", "Error.Project.CompletedWithoutStart");
    }

    [Theory]
    [InlineData(ProjectStage.Planning, true)]
    [InlineData(ProjectStage.Reserve, true)]
    [InlineData(ProjectStage.Signed, true)]
    [InlineData(ProjectStage.Landed, true)]
    [InlineData(ProjectStage.Procedures, true)]
    [InlineData(ProjectStage.Started, false)]
    [InlineData(ProjectStage.UnderConstruction, false)]
    [InlineData(ProjectStage.Completed, false)]
    [InlineData(ProjectStage.InProduction, false)]
    [InlineData(ProjectStage.Effective, false)]
    public void Validate_WhenActuallyStartedButStageBeforeStarted_ReportsStageBeforeStart(ProjectStage stage, bool reported)
    {
        var errors = Check(Valid() with { Stage = stage, ActualStart = Date("2023-03-15") });

        if (reported) errors.ShouldBeSingleFieldError("Stage", "Error.Project.StageBeforeStartButStarted");
        else errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(ProjectStage.Started, true)]
    [InlineData(ProjectStage.UnderConstruction, true)]
    [InlineData(ProjectStage.Completed, false)]
    [InlineData(ProjectStage.InProduction, false)]
    [InlineData(ProjectStage.Effective, false)]
    public void Validate_WhenActuallyCompletedButStageBeforeCompleted_ReportsStageBeforeCompletion(ProjectStage stage, bool reported)
    {
        var errors = Check(Valid() with { Stage = stage, ActualStart = Date("2023-03-15"), ActualCompletion = Date("2023-06-01") });

        if (reported) errors.ShouldBeSingleFieldError("Stage", "Error.Project.StageBeforeCompletionButCompleted");
        else errors.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenCompletedWhileStillInProcedures_ReportsBothStageErrors()
    {
        var errors = Check(Valid() with { Stage = ProjectStage.Procedures, ActualStart = Date("2023-03-15"), ActualCompletion = Date("2023-06-01") });

        errors.Select(e => (e.Field, e.MessageKey)).ShouldBe(
        [
            ("Stage", "Error.Project.StageBeforeStartButStarted"),
            ("Stage", "Error.Project.StageBeforeCompletionButCompleted"),
        ]);
    }

    // ---- lists

    [Fact]
    public void Validate_WhenOnEveryListOnce_ReportsNothing()
    {
        ListMembershipDraft[] lists =
        [
            new(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting, ExitedOn: Date("2023-05-10")),
            new(ProjectList.Shortfall982),
            new(ProjectList.SpecialBond),
            new(ProjectList.CentralBudget),
            new(ProjectList.FourGuarantees, Scope: ListScope.City),
        ];

        Check(Valid() with { Lists = lists }).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_WhenListRepeated_ReportsListDuplicateAtTheRepeat()
    {
        ListMembershipDraft[] lists = [new(ProjectList.SpecialBond), new(ProjectList.CentralBudget), new(ProjectList.SpecialBond)];

        Check(Valid() with { Lists = lists })
            .ShouldBeSingleFieldError("Lists[2].List", "Error.Project.ListDuplicate").Args.ShouldBe([ProjectList.SpecialBond]);
    }

    [Fact]
    public void Validate_WhenListUndefined_ReportsValueUnknown()
    {
        Check(Valid() with { Lists = [new ListMembershipDraft((ProjectList)9)] }).ShouldBeSingleFieldError("Lists[0].List", "Error.ValueUnknown");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public void Validate_WhenThreeBatchesPeriodMissingOrOutside1To99_ReportsPeriodRequired(int? period)
    {
        Check(Valid() with { Lists = [new ListMembershipDraft(ProjectList.ThreeBatches, period, ThreeBatchesBatch.Signing)] })
            .ShouldBeSingleFieldError("Lists[0].Period", "Error.Project.PeriodRequired");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    public void Validate_WhenThreeBatchesPeriodAtBoundary_ReportsNothing(int period)
    {
        Check(Valid() with { Lists = [new ListMembershipDraft(ProjectList.ThreeBatches, period, ThreeBatchesBatch.Producing)] }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    public void Validate_WhenThreeBatchesBatchMissingOrUnknown_ReportsBatchRequired(int? batch)
    {
        Check(Valid() with { Lists = [new ListMembershipDraft(ProjectList.ThreeBatches, 7, (ThreeBatchesBatch?)batch)] })
            .ShouldBeSingleFieldError("Lists[0].Batch", "Error.Project.BatchRequired");
    }

    [Fact]
    public void Validate_WhenThreeBatchesHasNeitherPeriodNorBatch_ReportsBoth()
    {
        Check(Valid() with { Lists = [new ListMembershipDraft(ProjectList.ThreeBatches)] }).Select(e => (e.Field, e.MessageKey)).ShouldBe(
        [
            ("Lists[0].Period", "Error.Project.PeriodRequired"),
            ("Lists[0].Batch", "Error.Project.BatchRequired"),
        ]);
    }

    [Theory]
    [InlineData(ProjectList.SpecialBond, 7, null, false)]
    [InlineData(ProjectList.CentralBudget, null, ThreeBatchesBatch.Signing, false)]
    [InlineData(ProjectList.Shortfall982, null, null, true)]
    [InlineData(ProjectList.FourGuarantees, 1, ThreeBatchesBatch.Starting, true)]
    public void Validate_WhenPeriodBatchOrExitOnOtherList_ReportsPeriodOnlyForThreeBatches(ProjectList list, int? period, ThreeBatchesBatch? batch, bool exited)
    {
        var membership = new ListMembershipDraft(list, period, batch, ExitedOn: exited ? Date("2023-05-10") : null);

        Check(Valid() with { Lists = [membership] }).ShouldBeSingleFieldError("Lists[0].Period", "Error.Project.PeriodOnlyForThreeBatches");
    }

    [Fact]
    public void Validate_WhenListScopeUndefined_ReportsValueUnknown()
    {
        Check(Valid() with { Lists = [new ListMembershipDraft(ProjectList.FourGuarantees, Scope: (ListScope)3)] })
            .ShouldBeSingleFieldError("Lists[0].Scope", "Error.ValueUnknown");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void Validate_WhenExitedFromThreeBatchesAfterToday_ReportsDateInFuture(int daysAfterToday, bool reported)
    {
        var membership = new ListMembershipDraft(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting, ExitedOn: Today.AddDays(daysAfterToday));

        var errors = Check(Valid() with { Lists = [membership] });

        if (reported) errors.ShouldBeSingleFieldError("Lists[0].ExitedOn", "Error.DateInFuture");
        else errors.ShouldBeEmpty();
    }

    // ---- team and phones

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_WhenTeamMemberNameBlank_ReportsRequired(string name)
    {
        Check(Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, "张三"), new TeamMemberDraft(TeamRole.SiteMonitor, name)] })
            .ShouldBeSingleFieldError("Team[1].Name", "Error.Required");
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_WhenTeamMemberNameLongerThanFifty_ReportsTooLong(int length, bool reported)
    {
        var errors = Check(Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, new string('张', length))] });

        if (reported) errors.ShouldBeSingleFieldError("Team[0].Name", "Error.TooLong").Args.ShouldBe([50]);
        else errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_WhenTeamMemberTitleLongerThanFifty_ReportsTooLong(int length, bool reported)
    {
        var errors = Check(Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, "张三", new string('长', length))] });

        if (reported) errors.ShouldBeSingleFieldError("Team[0].Title", "Error.TooLong").Args.ShouldBe([50]);
        else errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Validate_WhenTeamRoleUndefined_ReportsValueUnknown(int role)
    {
        Check(Valid() with { Team = [new TeamMemberDraft((TeamRole)role, "张三")] }).ShouldBeSingleFieldError("Team[0].Role", "Error.ValueUnknown");
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("0393-1234567")]
    [InlineData("(0393) 123 4567")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("12345")]
    [InlineData("12345678901234567890")]
    [InlineData(" 13812345678 ")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Validate_WhenPhoneWellFormedOrMissing_ReportsNothing(string? phone)
    {
        Check(Valid() with { ContactPhone = phone }).ShouldBeEmpty();
        Check(Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, "张三", Phone: phone)] }).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("123456789012345678901")]
    [InlineData("138-1234-567a")]
    [InlineData("0393-1234567转8001")]
    [InlineData("13812345678、13912345678")]
    [InlineData("无")]
    public void Validate_WhenPhoneMalformed_ReportsPhoneInvalid(string phone)
    {
        Check(Valid() with { ContactPhone = phone }).ShouldBeSingleFieldError("ContactPhone", "Error.PhoneInvalid");
        Check(Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, "张三", Phone: phone)] })
            .ShouldBeSingleFieldError("Team[0].Phone", "Error.PhoneInvalid");
    }

    // ---- 新建 / 续建 when the ledger does not say

    [Theory]
    [InlineData(2023, "2022-12-31", null, ConstructionKind.Continuing)]
    [InlineData(2023, "2020-05-01", null, ConstructionKind.Continuing)]
    [InlineData(2023, "2023-01-01", null, ConstructionKind.New)]
    [InlineData(2023, "2023-12-31", null, ConstructionKind.New)]
    [InlineData(2023, "2024-03-01", null, ConstructionKind.New)]
    [InlineData(2023, null, null, ConstructionKind.New)]
    [InlineData(2023, null, "2022-12-31", ConstructionKind.Continuing)]
    [InlineData(2023, null, "2023-01-01", ConstructionKind.New)]
    // the actual start wins over the planned one, in both directions
    [InlineData(2023, "2022-06-01", "2023-02-01", ConstructionKind.New)]
    [InlineData(2023, "2023-03-01", "2022-11-20", ConstructionKind.Continuing)]
    public void DefaultConstructionKind_IsContinuingOnlyWhenStartFallsBeforeThePlanYear(int year, string? plannedStart, string? actualStart, ConstructionKind expected)
    {
        var planned = plannedStart is null ? (DateOnly?)null : Date(plannedStart);
        var actual = actualStart is null ? (DateOnly?)null : Date(actualStart);

        ProjectRules.DefaultConstructionKind(year, planned, actual).ShouldBe(expected);
    }
}
