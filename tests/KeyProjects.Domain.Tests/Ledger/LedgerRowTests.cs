using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Projects;
using static KeyProjects.Domain.Tests.Ledger.Tables;
using static KeyProjects.Domain.Tests.Projects.ProjectDrafts;

namespace KeyProjects.Domain.Tests.Ledger;

public sealed class LedgerRowTests
{
    /// <summary>The one data row of a table with the given columns after 项目代码 and 项目名称 (which every ledger has).</summary>
    private static LedgerRow RowOf(string[] headers, params object?[] cells)
    {
        var table = Of(Row(["项目代码", "项目名称", .. headers]), Row([Valid().Code, Valid().Name, .. cells]));
        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);
        sheet.Errors.ShouldBeEmpty();
        return sheet.Rows.ShouldHaveSingleItem();
    }

    // ---- ApplyTo

    [Fact]
    public void ApplyTo_WhenColumnAbsent_KeepsKnownValue()
    {
        var known = Valid() with { Remarks = "已完成环评" };

        var draft = RowOf(["建设地点"], "濮阳县庆祖镇").ApplyTo(known, 2023, orgId: null);

        draft.Location.ShouldBe("濮阳县庆祖镇");
        draft.Remarks.ShouldBe("已完成环评");
        draft.Content.ShouldBe(known.Content);
        draft.TotalInvestment.ShouldBe(known.TotalInvestment);
        draft.Levels.ShouldBe(known.Levels);
        draft.PlannedStart.ShouldBe(known.PlannedStart);
        draft.Lists.ShouldBe(known.Lists);
        draft.Team.ShouldBe(known.Team);
        draft.YearPlans.ShouldBe(known.YearPlans);
    }

    [Theory]
    [InlineData("建设地点")]
    [InlineData("建设规模及内容")]
    [InlineData("项目单位")]
    [InlineData("责任单位")]
    [InlineData("联系人")]
    [InlineData("联系电话")]
    [InlineData("备注")]
    [InlineData("计划开工时间")]
    [InlineData("计划竣工时间")]
    [InlineData("实际开工时间")]
    [InlineData("实际竣工时间")]
    [InlineData("统计入库时间")]
    [InlineData("投资类型")]
    [InlineData("管理类别")]
    [InlineData("所属行业")]
    public void ApplyTo_WhenCellBlank_ClearsKnownValue(string header)
    {
        var known = Valid() with
        {
            Remarks = "备注",
            ActualStart = Date("2023-03-15"),
            ActualCompletion = Date("2023-06-01"),
            StatisticsEntry = Date("2023-04-01"),
            ManagementCategory = ManagementCategory.InvestmentAttraction,
        };
        FieldOf(known, header).ShouldNotBeNull();

        var draft = RowOf([header], (object?)null).ApplyTo(known, 2023, orgId: null);

        FieldOf(draft, header).ShouldBeNull();
    }

    private static object? FieldOf(ProjectDraft d, string header) => header switch
    {
        "建设地点" => d.Location,
        "建设规模及内容" => d.Content,
        "项目单位" => d.UnitName,
        "责任单位" => d.ResponsibleUnit,
        "联系人" => d.ContactName,
        "联系电话" => d.ContactPhone,
        "备注" => d.Remarks,
        "计划开工时间" => d.PlannedStart,
        "计划竣工时间" => d.PlannedCompletion,
        "实际开工时间" => d.ActualStart,
        "实际竣工时间" => d.ActualCompletion,
        "统计入库时间" => d.StatisticsEntry,
        "投资类型" => d.InvestmentKind,
        "管理类别" => d.ManagementCategory,
        "所属行业" => d.Sector,
        _ => throw new ArgumentOutOfRangeException(nameof(header)),
    };

    [Fact]
    public void ApplyTo_WhenTotalLevelsOrListsBlank_ClearsThem()
    {
        var draft = RowOf(["总投资", "项目级别", "所属名单"], null, null, null).ApplyTo(Valid(), 2023, orgId: null);

        draft.TotalInvestment.ShouldBe(0m);
        draft.Levels.ShouldBe(ProjectLevel.None);
        draft.Lists.ShouldBeEmpty();
    }

    [Fact]
    public void ApplyTo_WhenStageBlank_KeepsKnownStage()
    {
        var draft = RowOf(["项目阶段"], (object?)null).ApplyTo(Valid() with { Stage = ProjectStage.UnderConstruction }, 2023, orgId: null);

        draft.Stage.ShouldBe(ProjectStage.UnderConstruction);
    }

    [Fact]
    public void ApplyTo_WhenStageGiven_ReplacesIt()
    {
        var draft = RowOf(["项目阶段"], "竣工").ApplyTo(Valid(), 2023, orgId: null);

        draft.Stage.ShouldBe(ProjectStage.Completed);
    }

    [Fact]
    public void ApplyTo_TakesNormalisedCodeOfTheRow()
    {
        var sheet = LedgerReader.Read(Of(Row("项目代码", "项目名称"), Row("py－2023－001", "某项目")), NoFormulas, 2023);

        sheet.Rows.ShouldHaveSingleItem().ApplyTo(Valid(), 2023, orgId: null).Code.ShouldBe("PY-2023-001");
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData(3, 3)]
    public void ApplyTo_SetsOrgOnlyWhenGiven(int? orgId, int expected)
    {
        RowOf([]).ApplyTo(Valid() with { OrgId = 5 }, 2023, orgId).OrgId.ShouldBe(expected);
    }

    // ---- year plans

    private static readonly YearPlanDraft[] KnownPlans =
        [new(2022, 10_000m, ConstructionKind.New), new(2023, 20_000m, ConstructionKind.Continuing)];

    [Fact]
    public void ApplyTo_WhenPlanGivenForKnownYear_ReplacesAmountAndKeepsKind()
    {
        var draft = RowOf(["2023年计划投资"], 30_000.0).ApplyTo(Valid() with { YearPlans = KnownPlans }, 2023, orgId: null);

        draft.YearPlans.ShouldBe([new(2022, 10_000m, ConstructionKind.New), new(2023, 30_000m, ConstructionKind.Continuing)]);
    }

    [Fact]
    public void ApplyTo_WhenPlanGivenForNewYear_AddsThatYear()
    {
        var draft = RowOf(["2024年计划投资"], 15_000.0).ApplyTo(Valid() with { YearPlans = KnownPlans }, 2024, orgId: null);

        draft.YearPlans.ShouldBe([.. KnownPlans, new(2024, 15_000m, null)]);
    }

    [Fact]
    public void ApplyTo_WhenPlanBlank_RemovesThatYearOnly()
    {
        var draft = RowOf(["2023年计划投资"], (object?)null).ApplyTo(Valid() with { YearPlans = KnownPlans }, 2023, orgId: null);

        draft.YearPlans.ShouldBe([new(2022, 10_000m, ConstructionKind.New)]);
    }

    [Fact]
    public void ApplyTo_WhenPlanAndKindGiven_SetsBoth()
    {
        var draft = RowOf(["2023年计划投资", "建设性质"], 30_000.0, "新建").ApplyTo(Valid() with { YearPlans = KnownPlans }, 2023, orgId: null);

        draft.YearPlans[1].ShouldBe(new YearPlanDraft(2023, 30_000m, ConstructionKind.New));
    }

    [Fact]
    public void ApplyTo_WhenOnlyKindGiven_KeepsKnownAmount()
    {
        var draft = RowOf(["建设性质"], "新建").ApplyTo(Valid() with { YearPlans = KnownPlans }, 2023, orgId: null);

        draft.YearPlans[1].ShouldBe(new YearPlanDraft(2023, 20_000m, ConstructionKind.New));
    }

    [Fact]
    public void ApplyTo_WhenKindBlank_ClearsKindAndKeepsAmount()
    {
        var draft = RowOf(["建设性质"], (object?)null).ApplyTo(Valid() with { YearPlans = KnownPlans }, 2023, orgId: null);

        draft.YearPlans[1].ShouldBe(new YearPlanDraft(2023, 20_000m, null));
    }

    // ---- team

    [Fact]
    public void ApplyTo_MergesTeamByName_KeepingTitleAndPhoneOfKnownMembers()
    {
        var known = Valid() with
        {
            Team =
            [
                new TeamMemberDraft(TeamRole.Leader, "张三", "副县长", "0393-1234567"),
                new TeamMemberDraft(TeamRole.Leader, "王五", "县委常委", "0393-7654321"),
                new TeamMemberDraft(TeamRole.ChiefServiceOfficer, "赵六", "发改委副主任", "13812345678"),
            ],
        };

        var draft = RowOf(["包保责任领导"], "张三、李四").ApplyTo(known, 2023, orgId: null);

        draft.Team.ShouldBe(
        [
            new TeamMemberDraft(TeamRole.ChiefServiceOfficer, "赵六", "发改委副主任", "13812345678"),
            new TeamMemberDraft(TeamRole.Leader, "张三", "副县长", "0393-1234567"),
            new TeamMemberDraft(TeamRole.Leader, "李四"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void ApplyTo_WhenTeamCellBlank_RemovesThatRoleOnly()
    {
        var known = Valid() with
        {
            Team = [new TeamMemberDraft(TeamRole.Leader, "张三"), new TeamMemberDraft(TeamRole.SiteMonitor, "孙七")],
        };

        var draft = RowOf(["现场盯办人"], (object?)null).ApplyTo(known, 2023, orgId: null);

        draft.Team.ShouldBe([new TeamMemberDraft(TeamRole.Leader, "张三")]);
    }

    [Fact]
    public void ApplyTo_ReadsEveryTeamColumnIntoItsRole()
    {
        var row = RowOf(["分包领导", "首席服务员", "帮办人", "盯办人", "企业负责人"], "甲", "乙", "丙", "丁", "戊");

        var draft = row.ApplyTo(Valid() with { Team = [] }, 2023, orgId: null);

        draft.Team.ShouldBe(
        [
            new TeamMemberDraft(TeamRole.Leader, "甲"),
            new TeamMemberDraft(TeamRole.ChiefServiceOfficer, "乙"),
            new TeamMemberDraft(TeamRole.ApprovalHelper, "丙"),
            new TeamMemberDraft(TeamRole.SiteMonitor, "丁"),
            new TeamMemberDraft(TeamRole.UnitHead, "戊"),
        ], ignoreOrder: true);
    }

    // ---- ColumnOf

    [Theory]
    [InlineData("Code", LedgerColumn.Code)]
    [InlineData("Name", LedgerColumn.Name)]
    [InlineData("OrgId", LedgerColumn.Org)]
    [InlineData("Levels", LedgerColumn.Levels)]
    [InlineData("Stage", LedgerColumn.Stage)]
    [InlineData("TotalInvestment", LedgerColumn.TotalInvestment)]
    [InlineData("YearPlans[0].PlannedInvestment", LedgerColumn.AnnualPlan)]
    [InlineData("YearPlans[0].Year", LedgerColumn.AnnualPlan)]
    [InlineData("YearPlans[1].Kind", LedgerColumn.ConstructionKind)]
    [InlineData("PlannedCompletion", LedgerColumn.PlannedCompletion)]
    [InlineData("ActualStart", LedgerColumn.ActualStart)]
    [InlineData("StatisticsEntry", LedgerColumn.StatisticsEntry)]
    [InlineData("Lists[0].Period", LedgerColumn.Lists)]
    [InlineData("Lists[2].List", LedgerColumn.Lists)]
    [InlineData("Team[0].Name", LedgerColumn.Leader)]
    [InlineData("Team[1].Phone", LedgerColumn.SiteMonitor)]
    [InlineData("ContactPhone", LedgerColumn.ContactPhone)]
    [InlineData("Remarks", LedgerColumn.Remarks)]
    public void ColumnOf_MapsErrorFieldToItsLedgerColumn(string field, LedgerColumn expected)
    {
        var draft = Valid() with { Team = [new TeamMemberDraft(TeamRole.Leader, "张三"), new TeamMemberDraft(TeamRole.SiteMonitor, "孙七")] };

        LedgerRow.ColumnOf(field, draft).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Unknown")]
    [InlineData("Team[5].Name")]
    [InlineData("Team[x].Name")]
    public void ColumnOf_WhenFieldHasNoColumn_ReturnsNull(string? field)
    {
        LedgerRow.ColumnOf(field, Valid()).ShouldBeNull();
    }

    [Fact]
    public void ColumnOf_EveryFieldOfAValidationError_FindsAColumn()
    {
        var bad = Valid() with
        {
            Code = "?",
            Name = "",
            OrgId = 0,
            TotalInvestment = -1m,
            YearPlans = [new YearPlanDraft(1999, -1m, (ConstructionKind)9)],
            PlannedStart = Date("2023-03-01"),
            PlannedCompletion = Date("2023-01-01"),
            ActualCompletion = Today.AddDays(1),
            StatisticsEntry = Today.AddDays(1),
            Lists = [new ListMembershipDraft(ProjectList.ThreeBatches)],
            Team = [new TeamMemberDraft(TeamRole.UnitHead, "", Phone: "x")],
            ContactPhone = "x",
        };

        var errors = ProjectRules.Validate(bad, Today);

        errors.Count.ShouldBeGreaterThan(10);
        foreach (var e in errors)
            LedgerRow.ColumnOf(e.Field, bad).ShouldNotBeNull(e.Field);
    }
}
