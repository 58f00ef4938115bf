using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Projects;
using static KeyProjects.Domain.Tests.Ledger.Tables;
using static KeyProjects.Domain.Tests.Projects.ProjectDrafts;

namespace KeyProjects.Domain.Tests.Ledger;

public sealed class LedgerReaderTests
{
    private const string FirstCode = "2301-410928-04-01-512345";

    /// <summary>
    /// The county's 2023 ledger as its office keeps it: a title row, a unit row, the header on Excel row 3,
    /// section rows, a blank row, a total row, and three bad rows among good ones. Amounts in 亿元.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<object?>> PuyangLedger() => Of(
        /* 1 */ Row("2023年濮阳县省市重点项目台账", null, null, null, null, null, null, null, null, null, null, null, null),
        /* 2 */ Row(null, null, null, null, null, null, null, null, null, null, null, null, "单位：亿元"),
        /* 3 */ Row("序号", "项目编码", "项目名称", "所属地区", "总投资", "2023年计划投资", "计划开工时间", "计划竣工时间", "项目级别", "建设性质", "所属名单", "包保责任领导", "联系电话"),
        /* 4 */ Row("一、新建项目", null, null, null, null, null, null, null, null, null, null, null, null),
        /* 5 */ Row(1.0, FirstCode, "濮阳县年产30万吨生物新能源项目", "濮阳县", 796.5, 120.03, "2023.3", "2024年12月", "省市重点", "新建",
                    "三个一批第七期开工一批（2023-05-10调出）、四保白名单（市级）", "张三、李四", "0393-1234567"),
        /* 6 */ Row(2.0, "2301-410928-04-01-512346", "濮阳县智慧物流园项目", "濮阳县", "abc", 5.2, 45017.0, "2025-06-30", "省重点", "新建", null, "王五", null),
        /* 7 */ Row(3.0, "2302-410928-48-01-100001", "濮阳县城区供水管网改造项目", "濮阳县", 12.5, 3.6, "2023-13-01", "2023年12月31日", "市重点", "新建", "专项债", "赵六", null),
        /* 8 */ Row(null, null, null, null, null, null, null, null, null, null, null, null, null),
        /* 9 */ Row("二、续建项目", null, null, null, null, null, null, null, null, null, null, null, null),
        /* 10 */ Row(4.0, "2301－410928－04－01－512345", "濮阳县年产30万吨生物新能源项目（重复）", "濮阳县", 796.5, 100.0, null, null, "省重点", "续建", null, null, null),
        /* 11 */ Row(5.0, "2201-410928-26-01-300001", "濮阳县化工新材料续建项目", "濮阳县", 54.56, 20.0, "2022-03-01", "2023-12", "省重点", "续建", null, "张三", "13812345678"),
        /* 12 */ Row("合计", null, null, null, 1663.56, 248.83, null, null, null, null, null, null, null));

    [Fact]
    public void Read_RealisticLedger_ReportsEveryBadCellAtOnceWithExcelRowAndHeader()
    {
        var sheet = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024);

        sheet.Errors.Select(e => (e.Row, e.Column, e.Error.MessageKey)).ShouldBe(
        [
            (6, "总投资", "Error.Import.NotANumber"),
            (7, "计划开工时间", "Error.Import.NotADate"),
            (10, "项目编码", "Error.Import.DuplicateCode"),
        ]);
        sheet.Errors[0].Error.Args.ShouldBe(["abc"]);
        sheet.Errors[1].Error.Args.ShouldBe(["2023-13-01"]);
        sheet.Errors[2].Error.Args.ShouldBe([FirstCode, 5]);
    }

    [Fact]
    public void Read_RealisticLedger_SkipsTitleUnitSectionBlankAndTotalRows()
    {
        var sheet = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024);

        sheet.Rows.Select(r => r.RowNumber).ShouldBe([5, 6, 7, 11]);
        sheet.OrgNames.Keys.ShouldBe([5, 6, 7, 11]);
        sheet.OrgNames[5].ShouldBe("濮阳县");
    }

    [Fact]
    public void Read_RealisticLedger_TakesPlanYearAndHeaderTextFromTheFile()
    {
        var sheet = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024);

        sheet.PlanYear.ShouldBe(2023);
        sheet.HeaderText(LedgerColumn.Code).ShouldBe("项目编码");
        sheet.HeaderText(LedgerColumn.TotalInvestment).ShouldBe("总投资");
        sheet.HeaderText(LedgerColumn.AnnualPlan).ShouldBe("2023年计划投资");
        sheet.HeaderText(LedgerColumn.Remarks).ShouldBe("备注");
        sheet.Headers.ContainsKey(LedgerColumn.Seq).ShouldBeFalse();
    }

    [Fact]
    public void Read_RealisticLedger_ReadsGoodRowInWanAndTypedValues()
    {
        var row = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024).Rows[0];

        row.Code.ShouldBe(FirstCode);
        row.Get<string>(LedgerColumn.Name).ShouldBe("濮阳县年产30万吨生物新能源项目");
        row.Get<decimal?>(LedgerColumn.TotalInvestment).ShouldBe(7_965_000m);
        row.Get<decimal?>(LedgerColumn.AnnualPlan).ShouldBe(1_200_300m);
        row.Get<DateOnly?>(LedgerColumn.PlannedStart).ShouldBe(Date("2023-03-01"));
        row.Get<DateOnly?>(LedgerColumn.PlannedCompletion).ShouldBe(Date("2024-12-31"));
        row.Get<ProjectLevel?>(LedgerColumn.Levels).ShouldBe(ProjectLevel.Provincial | ProjectLevel.City);
        row.Get<ConstructionKind?>(LedgerColumn.ConstructionKind).ShouldBe(ConstructionKind.New);
        row.Get<List<ListMembershipDraft>>(LedgerColumn.Lists).ShouldBe(
        [
            new ListMembershipDraft(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting, ExitedOn: Date("2023-05-10")),
            new ListMembershipDraft(ProjectList.FourGuarantees, Scope: ListScope.City),
        ]);
        row.Get<List<string>>(LedgerColumn.Leader).ShouldBe(["张三", "李四"]);
        row.Get<string>(LedgerColumn.ContactPhone).ShouldBe("0393-1234567");
        row.Has(LedgerColumn.Remarks).ShouldBeFalse();
    }

    [Fact]
    public void Read_RealisticLedger_KeepsGoodCellsOfARowWithABadOne()
    {
        var row = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024).Rows[1];

        row.RowNumber.ShouldBe(6);
        row.Has(LedgerColumn.TotalInvestment).ShouldBeFalse();
        row.Get<decimal?>(LedgerColumn.AnnualPlan).ShouldBe(52_000m);
        row.Get<DateOnly?>(LedgerColumn.PlannedStart).ShouldBe(Date("2023-04-01"));
    }

    [Fact]
    public void Read_RealisticLedger_GoodRowBecomesAValidProject()
    {
        var sheet = LedgerReader.Read(PuyangLedger(), NoFormulas, defaultPlanYear: 2024);

        var draft = sheet.Rows[0].ApplyTo(new ProjectDraft(), sheet.PlanYear, orgId: 3);

        ProjectRules.Validate(draft, Today).ShouldBeEmpty();
        draft.TotalInvestment.ShouldBe(7_965_000m);
        draft.YearPlans.ShouldBe([new YearPlanDraft(2023, 1_200_300m, ConstructionKind.New)]);
        draft.Team.ShouldBe([new TeamMemberDraft(TeamRole.Leader, "张三"), new TeamMemberDraft(TeamRole.Leader, "李四")]);
    }

    // ---- header

    [Fact]
    public void Read_WhenTableEmpty_ReportsNoHeader()
    {
        var sheet = LedgerReader.Read(Of(), NoFormulas, defaultPlanYear: 2023);

        ShouldReportNoHeader(sheet);
    }

    [Fact]
    public void Read_WhenNoRowHasCodeAndNameHeaders_ReportsNoHeader()
    {
        var table = Of(
            Row("2023年濮阳县省市重点项目台账"),
            Row("序号", "项目名称", "总投资"),
            Row(1.0, "濮阳县智慧物流园项目", 5.2));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        ShouldReportNoHeader(sheet);
        sheet.PlanYear.ShouldBe(2023);
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(15, false)]
    public void Read_LooksForHeaderInFirstFifteenRowsOnly(int rowsAbove, bool found)
    {
        var rows = Enumerable.Range(0, rowsAbove).Select(i => Row($"说明第{i + 1}行")).ToList();
        rows.Add(Row("项目代码", "项目名称"));
        rows.Add(Row(FirstCode, "濮阳县年产30万吨生物新能源项目"));

        var sheet = LedgerReader.Read(rows, NoFormulas, defaultPlanYear: 2023);

        if (found)
        {
            sheet.Errors.ShouldBeEmpty();
            sheet.Rows.ShouldHaveSingleItem().RowNumber.ShouldBe(rowsAbove + 2);
        }
        else ShouldReportNoHeader(sheet);
    }

    private static void ShouldReportNoHeader(LedgerSheet sheet)
    {
        var error = sheet.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Column.ShouldBeNull();
        error.Error.ShouldBeOfType<RuleBroken>().MessageKey.ShouldBe("Error.Import.NoHeader");
        error.Error.Args.ShouldBe(["项目代码", "项目名称"]);
        sheet.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenColumnAppearsTwice_ReportsDuplicateColumnAndReadsTheFirst()
    {
        var table = Of(
            Row("项目代码", "项目名称", "总投资", "计划总投资（万元）"),
            Row(FirstCode, "濮阳县年产30万吨生物新能源项目", 100.0, 200.0));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        var error = sheet.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((1, "计划总投资（万元）", "Error.Import.DuplicateColumn"));
        error.Error.Args.ShouldBe(["计划总投资（万元）", "总投资"]);
        sheet.Rows.ShouldHaveSingleItem().Get<decimal?>(LedgerColumn.TotalInvestment).ShouldBe(100m);
    }

    [Theory]
    [InlineData("计划投资", 2022)]
    [InlineData("年度计划投资（万元）", 2022)]
    [InlineData("2023年计划投资", 2023)]
    [InlineData("2024年度计划投资（亿元）", 2024)]
    public void Read_TakesPlanYearFromHeaderElseTheDefault(string header, int expected)
    {
        var table = Of(Row("项目代码", "项目名称", header), Row(FirstCode, "某项目", 1.0));

        LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2022).PlanYear.ShouldBe(expected);
    }

    // ---- money units

    [Theory]
    [InlineData("总投资", null, 120.03, "120.03")]
    [InlineData("总投资", "单位：万元", 120.03, "120.03")]
    [InlineData("总投资", "单位：亿元", 120.03, "1200300")]
    [InlineData("总投资", "单位：元", 123456.78, "12.3457")]
    [InlineData("总投资（亿元）", null, 796.5, "7965000")]
    [InlineData("总投资（万元）", "单位：亿元", 120.03, "120.03")]
    [InlineData("总投资（元）", "单位：亿元", 12345.0, "1.2345")]
    [InlineData("总投资（亿元）", null, 343.4 - 215.0, "1284000")]
    [InlineData("总投资", null, 1.23455, "1.2346")]
    public void Read_ConvertsAmountsToWanByHeaderUnitElseUnitRowElseWan(string header, string? unitRow, double cell, string expectedWan)
    {
        var table = Of(
            Row("2023年濮阳县省市重点项目台账", null, unitRow),
            Row("项目代码", "项目名称", header),
            Row(FirstCode, "某项目", cell));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.ShouldHaveSingleItem().Get<decimal?>(LedgerColumn.TotalInvestment).ShouldBe(Wan(expectedWan));
    }

    [Fact]
    public void Read_WhenAmountNegative_ReportsAmountNegative()
    {
        var table = Of(Row("项目代码", "项目名称", "总投资"), Row(FirstCode, "某项目", -5.0));

        var error = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Errors.ShouldHaveSingleItem();

        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((2, "总投资", "Error.AmountNegative"));
    }

    [Fact]
    public void Read_WhenAmountBeyondAnyNumber_ReportsNotANumberInsteadOfFailing()
    {
        var table = Of(Row("项目代码", "项目名称", "总投资"), Row(FirstCode, "某项目", 1e30));

        var error = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Errors.ShouldHaveSingleItem();

        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((2, "总投资", "Error.Import.NotANumber"));
    }

    // ---- formulas

    [Theory]
    [InlineData(2, "总投资")]
    [InlineData(3, "年度计划投资")]
    [InlineData(4, "计划开工时间")]
    [InlineData(5, "实际竣工时间")]
    public void Read_WhenFormulaInNumberOrDateColumn_RefusesTheCell(int column, string header)
    {
        var table = Of(
            Row("项目代码", "项目名称", "总投资", "年度计划投资", "计划开工时间", "实际竣工时间", "备注"),
            Row(FirstCode, "某项目", 796.5, 120.03, 45017.0, 45291.0, "见附件"));

        var sheet = LedgerReader.Read(table, new HashSet<(int, int)> { (1, column) }, defaultPlanYear: 2023);

        var error = sheet.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((2, header, "Error.Import.Formula"));
        sheet.Rows.ShouldHaveSingleItem().Has(LedgerVocabulary.MatchHeader(header)!.Column).ShouldBeFalse();
    }

    [Fact]
    public void Read_WhenFormulaInTextColumn_TakesItsValue()
    {
        var table = Of(Row("项目代码", "项目名称", "备注"), Row(FirstCode, "某项目", "见附件"));

        var sheet = LedgerReader.Read(table, new HashSet<(int, int)> { (1, 1), (1, 2) }, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.ShouldHaveSingleItem().Get<string>(LedgerColumn.Remarks).ShouldBe("见附件");
    }

    [Fact]
    public void Read_WhenFormulaTextInAmountColumnOfCsv_ReportsFormula()
    {
        var table = Of(Row("项目代码", "项目名称", "总投资"), Row(FirstCode, "某项目", "=SUM(C3:C9)"));

        var error = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Errors.ShouldHaveSingleItem();

        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((2, "总投资", "Error.Import.Formula"));
    }

    // ---- codes, totals and sections

    [Fact]
    public void Read_WhenRowHasNoCode_ReportsCodeRequired()
    {
        var table = Of(Row("项目代码", "项目名称", "总投资"), Row(null, "濮阳县智慧物流园项目", 5.2));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        var error = sheet.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column).ShouldBe((2, "项目代码"));
        error.Error.ShouldBeOfType<FieldInvalid>().MessageKey.ShouldBe("Error.Project.CodeRequired");
        sheet.Rows.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("py-2023-001", "PY-2023-001")]
    [InlineData("2301－410928－04－01－512345", FirstCode)]
    [InlineData(" 2301-410928-04-01-512345 ", FirstCode)]
    public void Read_WhenSameCodeWrittenDifferently_ReportsDuplicateWithFirstRow(string second, string normalized)
    {
        var table = Of(
            Row("项目代码", "项目名称"),
            Row(normalized, "甲项目"),
            Row("2301-410928-04-01-999999", "乙项目"),
            Row(second, "丙项目"));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        var error = sheet.Errors.ShouldHaveSingleItem();
        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((4, "项目代码", "Error.Import.DuplicateCode"));
        error.Error.Args.ShouldBe([normalized, 2]);
        sheet.Rows.Select(r => r.RowNumber).ShouldBe([2, 3]);
    }

    [Theory]
    [InlineData("合计", 0)]
    [InlineData("合  计", 0)]
    [InlineData("合计（56个）", 0)]
    [InlineData("小计", 0)]
    [InlineData("小计（36个）", 0)]
    [InlineData("总计", 0)]
    [InlineData("总计：56个", 0)]
    [InlineData("合计", 2)]
    [InlineData("合计", 1)]
    [InlineData("合计（2个）", 1)]
    public void Read_SkipsTotalRowsWithSums(string label, int labelColumn)
    {
        var total = new object?[] { null, null, null, 1663.56, 248.83 };
        total[labelColumn] = label;
        var table = Of(Row("序号", "项目代码", "项目名称", "总投资", "年度计划投资"), Row(1.0, FirstCode, "某项目", 1.0, 1.0), total);

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.Select(r => r.RowNumber).ShouldBe([2]);
    }

    [Theory]
    [InlineData("一、新建项目")]
    [InlineData("二、续建项目（20个）")]
    [InlineData("濮阳县")]
    public void Read_SkipsSectionRowsOfOneCell(string section)
    {
        var table = Of(Row("序号", "项目代码", "项目名称"), Row(section, null, null), Row(1.0, FirstCode, "某项目"));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.Select(r => r.RowNumber).ShouldBe([3]);
    }

    // ---- values

    [Theory]
    [InlineData("项目级别", "国家重点", "国家重点")]
    [InlineData("建设性质", "改扩建", "改扩建")]
    [InlineData("项目阶段", "暂停", "暂停")]
    [InlineData("所属行业", "金融", "金融")]
    [InlineData("投资类型", "外资", "外资")]
    [InlineData("管理类别", "其他", "其他")]
    [InlineData("所属名单", "专项债、省重点名单", "省重点名单")]
    public void Read_WhenWordUnknown_ReportsUnknownValueNamingIt(string header, string cell, string unknown)
    {
        var table = Of(Row("项目代码", "项目名称", header), Row(FirstCode, "某项目", cell));

        var error = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Errors.ShouldHaveSingleItem();

        (error.Row, error.Column, error.Error.MessageKey).ShouldBe((2, header, "Error.Import.UnknownValue"));
        error.Error.Args.ShouldBe([unknown]);
    }

    [Theory]
    [InlineData("计划开工时间", "2023年3月", "2023-03-01")]
    [InlineData("实际开工时间", "2023.3", "2023-03-01")]
    [InlineData("统计入库时间", "2023-03", "2023-03-01")]
    [InlineData("计划竣工时间", "2023年3月", "2023-03-31")]
    [InlineData("实际竣工时间", "2023.3", "2023-03-31")]
    public void Read_MonthOnlyDate_IsFirstDayForStartsAndLastDayForCompletions(string header, string cell, string expected)
    {
        var table = Of(Row("项目代码", "项目名称", header), Row(FirstCode, "某项目", cell));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.ShouldHaveSingleItem().Get<DateOnly?>(LedgerVocabulary.MatchHeader(header)!.Column).ShouldBe(Date(expected));
    }

    [Fact]
    public void Read_WhenDateTypedAsNumber_ReadsTheMonthNotAnExcelSerial()
    {
        var table = Of(Row("项目代码", "项目名称", "计划开工时间", "计划竣工时间"), Row(FirstCode, "某项目", 2023.3, 2024.12));

        var row = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Rows.ShouldHaveSingleItem();

        row.Get<DateOnly?>(LedgerColumn.PlannedStart).ShouldBe(Date("2023-03-01"));
        row.Get<DateOnly?>(LedgerColumn.PlannedCompletion).ShouldBe(Date("2024-12-31"));
    }

    [Fact]
    public void Read_BlankCell_IsPresentButEmpty()
    {
        var table = Of(Row("项目代码", "项目名称", "建设地点", "总投资"), Row(FirstCode, "某项目", "  ", null));

        var row = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Rows.ShouldHaveSingleItem();

        row.Has(LedgerColumn.Location).ShouldBeTrue();
        row.Get<string>(LedgerColumn.Location).ShouldBeNull();
        row.Has(LedgerColumn.TotalInvestment).ShouldBeTrue();
        row.Get<decimal?>(LedgerColumn.TotalInvestment).ShouldBeNull();
    }

    [Fact]
    public void Read_WhenRowShorterThanHeader_TreatsMissingCellsAsBlank()
    {
        var table = Of(Row("项目代码", "项目名称", "建设地点", "备注"), Row(FirstCode, "某项目"));

        var sheet = LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023);

        sheet.Errors.ShouldBeEmpty();
        sheet.Rows.ShouldHaveSingleItem().Get<string>(LedgerColumn.Remarks).ShouldBeNull();
    }

    [Fact]
    public void Read_CodeTypedAsNumber_IsReadAsItsDigits()
    {
        var table = Of(Row("项目代码", "项目名称"), Row(20230001.0, "某项目"));

        LedgerReader.Read(table, NoFormulas, defaultPlanYear: 2023).Rows.ShouldHaveSingleItem().Code.ShouldBe("20230001");
    }
}
