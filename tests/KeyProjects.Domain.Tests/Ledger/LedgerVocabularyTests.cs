using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Tests.Projects;

namespace KeyProjects.Domain.Tests.Ledger;

public sealed class LedgerVocabularyTests
{
    // ---- headers

    [Theory]
    [InlineData("项目代码", LedgerColumn.Code)]
    [InlineData("项目编码", LedgerColumn.Code)]
    [InlineData("统一项目代码", LedgerColumn.Code)]
    [InlineData("项目代码（统一代码）", LedgerColumn.Code)]
    [InlineData("项目名称", LedgerColumn.Name)]
    [InlineData("项目\n名称", LedgerColumn.Name)]
    [InlineData("县（市、区）", LedgerColumn.Org)]
    [InlineData("总投资", LedgerColumn.TotalInvestment)]
    [InlineData("计划总投资", LedgerColumn.TotalInvestment)]
    [InlineData("年度计划投资", LedgerColumn.AnnualPlan)]
    [InlineData("计划投资", LedgerColumn.AnnualPlan)]
    [InlineData("开工时间", LedgerColumn.PlannedStart)]
    [InlineData("实际开工时间", LedgerColumn.ActualStart)]
    [InlineData("新建/续建", LedgerColumn.ConstructionKind)]
    [InlineData("首席服务员", LedgerColumn.ChiefServiceOfficer)]
    [InlineData("分包县级领导", LedgerColumn.Leader)]
    [InlineData("序号", LedgerColumn.Seq)]
    [InlineData("NO.", LedgerColumn.Seq)]
    [InlineData("Code", LedgerColumn.Code)]
    public void MatchHeader_RecognisesVariantsCountiesUse(string header, LedgerColumn expected)
    {
        var match = LedgerVocabulary.MatchHeader(header).ShouldNotBeNull();

        match.Column.ShouldBe(expected);
        match.Unit.ShouldBeNull();
        match.Year.ShouldBeNull();
    }

    [Theory]
    [InlineData("总投资（亿元）", LedgerColumn.TotalInvestment, MoneyUnit.Yi)]
    [InlineData("计划总投资(万元)", LedgerColumn.TotalInvestment, MoneyUnit.Wan)]
    [InlineData("总投资（元）", LedgerColumn.TotalInvestment, MoneyUnit.Yuan)]
    [InlineData("总投资亿元", LedgerColumn.TotalInvestment, MoneyUnit.Yi)]
    [InlineData("总投资万元", LedgerColumn.TotalInvestment, MoneyUnit.Wan)]
    [InlineData("总 投 资\n（亿元）", LedgerColumn.TotalInvestment, MoneyUnit.Yi)]
    [InlineData("年度计划投资（亿元）", LedgerColumn.AnnualPlan, MoneyUnit.Yi)]
    public void MatchHeader_ReadsMoneyUnitOfHeader(string header, LedgerColumn column, MoneyUnit unit)
    {
        var match = LedgerVocabulary.MatchHeader(header).ShouldNotBeNull();

        match.Column.ShouldBe(column);
        match.Unit.ShouldBe(unit);
    }

    [Theory]
    [InlineData("2023年计划投资（亿元）", 2023, MoneyUnit.Yi)]
    [InlineData("2023年计划投资", 2023, null)]
    [InlineData("2024年度计划投资(万元)", 2024, MoneyUnit.Wan)]
    [InlineData("２０２３年年度计划投资", 2023, null)]
    public void MatchHeader_ReadsPlanYearPrefixOfAnnualPlan(string header, int year, MoneyUnit? unit)
    {
        var match = LedgerVocabulary.MatchHeader(header).ShouldNotBeNull();

        match.Column.ShouldBe(LedgerColumn.AnnualPlan);
        match.Year.ShouldBe(year);
        match.Unit.ShouldBe(unit);
    }

    [Fact]
    public void MatchHeader_IgnoresYearPrefixOnOtherColumns()
    {
        var match = LedgerVocabulary.MatchHeader("2023年总投资（亿元）").ShouldNotBeNull();

        match.Column.ShouldBe(LedgerColumn.TotalInvestment);
        match.Year.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2023年濮阳县省市重点项目台账")]
    [InlineData("单位：亿元")]
    [InlineData("2023年1-5月完成投资")]
    [InlineData("一、新建项目")]
    [InlineData("合计")]
    public void MatchHeader_WhenTextIsNoHeader_ReturnsNull(string? text)
    {
        LedgerVocabulary.MatchHeader(text).ShouldBeNull();
    }

    [Fact]
    public void HeaderOf_EveryColumn_IsReadBackAsThatColumn()
    {
        foreach (var column in Enum.GetValues<LedgerColumn>())
            LedgerVocabulary.MatchHeader(LedgerVocabulary.HeaderOf(column)).ShouldNotBeNull().Column.ShouldBe(column);
    }

    [Fact]
    public void HeaderOf_AnnualPlanWithYear_IsReadBackWithYearInWan()
    {
        var match = LedgerVocabulary.MatchHeader(LedgerVocabulary.HeaderOf(LedgerColumn.AnnualPlan, 2023)).ShouldNotBeNull();

        match.ShouldBe(new LedgerHeader(LedgerColumn.AnnualPlan, MoneyUnit.Wan, 2023));
    }

    [Theory]
    [InlineData("单位：亿元", MoneyUnit.Yi)]
    [InlineData("单位:万元", MoneyUnit.Wan)]
    [InlineData("单位：元", MoneyUnit.Yuan)]
    [InlineData("金额单位：亿元", MoneyUnit.Yi)]
    [InlineData("2023年濮阳县省市重点项目台账（单位：亿元）", MoneyUnit.Yi)]
    [InlineData("单位 ： 万元", MoneyUnit.Wan)]
    [InlineData("单位：个", null)]
    [InlineData("亿元", null)]
    [InlineData("2023年濮阳县省市重点项目台账", null)]
    [InlineData(null, null)]
    public void UnitStatedIn_ReadsUnitNote(string? text, MoneyUnit? expected)
    {
        LedgerVocabulary.UnitStatedIn(text).ShouldBe(expected);
    }

    // ---- levels

    [Theory]
    [InlineData("省重点", ProjectLevel.Provincial)]
    [InlineData("市级重点", ProjectLevel.City)]
    [InlineData("县重点", ProjectLevel.County)]
    [InlineData("区重点", ProjectLevel.County)]
    [InlineData("省市重点", ProjectLevel.Provincial | ProjectLevel.City)]
    [InlineData("省市重点项目", ProjectLevel.Provincial | ProjectLevel.City)]
    [InlineData("省重点、市重点", ProjectLevel.Provincial | ProjectLevel.City)]
    [InlineData("省重点/县重点", ProjectLevel.Provincial | ProjectLevel.County)]
    [InlineData("省 重 点", ProjectLevel.Provincial)]
    [InlineData("市重点、市重点", ProjectLevel.City)]
    [InlineData("", ProjectLevel.None)]
    public void TryParseLevels_ReadsLevelWords(string text, ProjectLevel expected)
    {
        LedgerVocabulary.TryParseLevels(text, out var levels).ShouldBeTrue();
        levels.ShouldBe(expected);
    }

    [Theory]
    [InlineData("国家重点")]
    [InlineData("省重点、重大")]
    [InlineData("重点")]
    public void TryParseLevels_WhenAnyPartUnknown_Fails(string text)
    {
        LedgerVocabulary.TryParseLevels(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void LevelsText_EveryCombination_IsReadBack()
    {
        for (var bits = 0; bits < 8; bits++)
        {
            var levels = (ProjectLevel)bits;
            LedgerVocabulary.TryParseLevels(LedgerVocabulary.LevelsText(levels), out var read).ShouldBeTrue();
            read.ShouldBe(levels);
        }
    }

    [Theory]
    [InlineData(ProjectLevel.Provincial | ProjectLevel.City, "省重点、市重点")]
    [InlineData(ProjectLevel.County, "县重点")]
    [InlineData(ProjectLevel.None, "")]
    public void LevelsText_WritesLevelsInProvinceCityCountyOrder(ProjectLevel levels, string expected)
    {
        LedgerVocabulary.LevelsText(levels).ShouldBe(expected);
    }

    // ---- classifications

    [Theory]
    [InlineData("新建", ConstructionKind.New)]
    [InlineData("新开工", ConstructionKind.New)]
    [InlineData("续建", ConstructionKind.Continuing)]
    [InlineData("续 建", ConstructionKind.Continuing)]
    public void TryParse_ReadsConstructionKind(string text, ConstructionKind expected)
    {
        LedgerVocabulary.TryParse(text, out ConstructionKind value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("政府投资类", InvestmentKind.Government)]
    [InlineData("社会投资", InvestmentKind.Enterprise)]
    public void TryParse_ReadsInvestmentKind(string text, InvestmentKind expected)
    {
        LedgerVocabulary.TryParse(text, out InvestmentKind value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("招商引资类", ManagementCategory.InvestmentAttraction)]
    [InlineData("PPP", ManagementCategory.PrivateCapitalPartnership)]
    [InlineData("融资建设", ManagementCategory.FinancedConstruction)]
    public void TryParse_ReadsManagementCategory(string text, ManagementCategory expected)
    {
        LedgerVocabulary.TryParse(text, out ManagementCategory value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("产业项目", Sector.Industry)]
    [InlineData("民生", Sector.SocialUndertakings)]
    [InlineData("城市更新", Sector.Urbanisation)]
    [InlineData("其它", Sector.Other)]
    public void TryParse_ReadsSector(string text, Sector expected)
    {
        LedgerVocabulary.TryParse(text, out Sector value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("谋划包装", ProjectStage.Planning)]
    [InlineData("已签约", ProjectStage.Signed)]
    [InlineData("前期手续", ProjectStage.Procedures)]
    [InlineData("开复工", ProjectStage.Started)]
    [InlineData("推进建设", ProjectStage.UnderConstruction)]
    [InlineData("达产达效", ProjectStage.Effective)]
    public void TryParse_ReadsStage(string text, ProjectStage expected)
    {
        LedgerVocabulary.TryParse(text, out ProjectStage value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("改扩建")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_WhenWordUnknown_Fails(string? text)
    {
        LedgerVocabulary.TryParse(text, out ConstructionKind _).ShouldBeFalse();
        LedgerVocabulary.TryParse(text, out ProjectStage _).ShouldBeFalse();
    }

    [Fact]
    public void TextOf_EveryValue_IsReadBack()
    {
        foreach (var v in Enum.GetValues<ConstructionKind>()) { LedgerVocabulary.TryParse(LedgerVocabulary.TextOf(v), out ConstructionKind r).ShouldBeTrue(); r.ShouldBe(v); }
        foreach (var v in Enum.GetValues<InvestmentKind>()) { LedgerVocabulary.TryParse(LedgerVocabulary.TextOf(v), out InvestmentKind r).ShouldBeTrue(); r.ShouldBe(v); }
        foreach (var v in Enum.GetValues<ManagementCategory>()) { LedgerVocabulary.TryParse(LedgerVocabulary.TextOf(v), out ManagementCategory r).ShouldBeTrue(); r.ShouldBe(v); }
        foreach (var v in Enum.GetValues<Sector>()) { LedgerVocabulary.TryParse(LedgerVocabulary.TextOf(v), out Sector r).ShouldBeTrue(); r.ShouldBe(v); }
        foreach (var v in Enum.GetValues<ProjectStage>()) { LedgerVocabulary.TryParse(LedgerVocabulary.TextOf(v), out ProjectStage r).ShouldBeTrue(); r.ShouldBe(v); }
    }

    // ---- lists

    [Fact]
    public void TryParseLists_ReadsThreeBatchesWithChinesePeriodBatchAndExit()
    {
        LedgerVocabulary.TryParseLists("三个一批第七期开工一批（2023-05-10调出）", out var lists, out var unreadable).ShouldBeTrue();

        unreadable.ShouldBeNull();
        lists.ShouldBe([new ListMembershipDraft(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting, ExitedOn: ProjectDrafts.Date("2023-05-10"))]);
    }

    [Theory]
    [InlineData("三个一批第7期签约一批", 7, ThreeBatchesBatch.Signing)]
    [InlineData("三个一批第十二期投产一批", 12, ThreeBatchesBatch.Producing)]
    [InlineData("三个一批第二十期开工", 20, ThreeBatchesBatch.Starting)]
    [InlineData("三个一批 第 5 期 投产", 5, ThreeBatchesBatch.Producing)]
    public void TryParseLists_ReadsThreeBatchesPeriodAndBatch(string text, int period, ThreeBatchesBatch batch)
    {
        LedgerVocabulary.TryParseLists(text, out var lists, out _).ShouldBeTrue();

        lists.ShouldBe([new ListMembershipDraft(ProjectList.ThreeBatches, period, batch)]);
    }

    [Theory]
    [InlineData("四保白名单（市级）", ListScope.City)]
    [InlineData("四保白名单(省级)", ListScope.Provincial)]
    [InlineData("四保白名单", null)]
    public void TryParseLists_ReadsFourGuaranteesScope(string text, ListScope? scope)
    {
        LedgerVocabulary.TryParseLists(text, out var lists, out _).ShouldBeTrue();

        lists.ShouldBe([new ListMembershipDraft(ProjectList.FourGuarantees, Scope: scope)]);
    }

    [Fact]
    public void TryParseLists_ReadsSeveralListsInOneCell()
    {
        LedgerVocabulary.TryParseLists("补短板\"982\"工程、地方政府专项债券，中央预算内投资", out var lists, out _).ShouldBeTrue();

        lists.Select(l => l.List).ShouldBe([ProjectList.Shortfall982, ProjectList.SpecialBond, ProjectList.CentralBudget]);
    }

    [Theory]
    [InlineData("专项债、省重点名单", "省重点名单")]
    [InlineData("三个一批第七期", "三个一批第七期")]
    [InlineData("三个一批七期开工一批", "三个一批七期开工一批")]
    [InlineData("三个一批第百期开工一批", "三个一批第百期开工一批")]
    [InlineData("三个一批第7期开工一批（2023-05-10）", "三个一批第7期开工一批（2023-05-10）")]
    [InlineData("三个一批第7期开工一批（五月调出）", "三个一批第7期开工一批（五月调出）")]
    public void TryParseLists_WhenPartUnreadable_FailsNamingThatPart(string text, string part)
    {
        LedgerVocabulary.TryParseLists(text, out _, out var unreadable).ShouldBeFalse();

        unreadable.ShouldBe(part);
    }

    [Fact]
    public void ListsText_IsReadBackToTheSameMemberships()
    {
        ListMembershipDraft[] lists =
        [
            new(ProjectList.FourGuarantees, Scope: ListScope.Provincial),
            new(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting, ExitedOn: ProjectDrafts.Date("2023-05-10")),
            new(ProjectList.Shortfall982),
            new(ProjectList.SpecialBond),
            new(ProjectList.CentralBudget),
        ];

        var text = LedgerVocabulary.ListsText(lists);

        text.ShouldBe("三个一批第7期开工一批(2023-05-10调出)、补短板982、专项债、中央预算内、四保白名单(省级)");
        LedgerVocabulary.TryParseLists(text, out var read, out _).ShouldBeTrue();
        read.ShouldBe(lists.OrderBy(l => l.List));
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("07", 7)]
    [InlineData("七", 7)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十", 20)]
    [InlineData("二十三", 23)]
    [InlineData("九十九", 99)]
    [InlineData("零", 0)]
    [InlineData("", null)]
    [InlineData("百", null)]
    [InlineData("一百", null)]
    [InlineData("十十", null)]
    [InlineData("二十三四", null)]
    [InlineData("七八", null)]
    [InlineData("-7", null)]
    public void ChineseNumber_ReadsDigitsAndChineseNumeralsUpToNinetyNine(string text, int? expected)
    {
        LedgerVocabulary.ChineseNumber(text).ShouldBe(expected);
    }
}
