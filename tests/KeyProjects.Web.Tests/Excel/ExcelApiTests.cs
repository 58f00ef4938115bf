using System.Net;
using System.Text;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Excel;

public abstract class ExcelApiTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<HttpClient> CountyStaffAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return await App.ApiClientAsync("pyx");
    }

    private static readonly string[] Header = ["序号", "项目编码", "项目名称", "所属地区", "总投资", "2023年计划投资", "建设性质", "项目级别", "计划开工时间", "计划竣工时间", "包保责任领导"];

    [Fact]
    public async Task Export_IsTheProvincesLedger_InTheListsOrder_WithATotalRow()
    {
        var org = await OrgAsync("濮阳县");
        var small = await App.CreateProjectAsync(Builders.Project(org, name: "小项目", total: 10_000m, plan2023: 5_000m));
        var big = await App.CreateProjectAsync(Builders.Project(org, name: "=HYPERLINK(\"http://evil\")", total: 90_000.5m, plan2023: 30_000m));
        await App.CreateProjectAsync(Builders.Project(await OrgAsync("南乐县"), name: "外县项目"));
        var client = await CountyStaffAsync();

        var response = await client.GetAsync("/api/v1/projects/export?year=2023&sort=TotalInvestment&desc=true");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        rows[0][0].ShouldBe("濮阳县2023年重点项目台账");
        rows[1][0].ShouldBe("单位：万元");
        rows[2].Take(8).ShouldBe(["序号", "项目代码", "项目名称", "所属地区", "建设地点", "建设规模及内容", "计划总投资(万元)", "2023年计划投资(万元)"]);
        rows[2].ShouldContain("包保责任领导");
        rows[2].ShouldContain("计划开工时间");
        rows[3][1].ShouldBe(big);
        rows[4][1].ShouldBe(small);
        rows[3][2].ShouldBe("'=HYPERLINK(\"http://evil\")", "text that could run as a formula is quoted");
        rows[3][6].ShouldBe("90000.5");
        rows[5][2].ShouldBe("合计（2个）");
        rows[5][6].ShouldBe("100000.5");
        rows[5][7].ShouldBe("35000");
        rows.Count.ShouldBe(6, "the other county's project is not exported");
    }

    [Fact]
    public async Task Import_ALedgerWithCommonHeaderVariantsAndYiUnits_CreatesAndUpdatesByCode_AndAuditsEach()
    {
        var org = await OrgAsync("濮阳县");
        var existing = await App.CreateProjectAsync(Builders.Project(org, name: "旧名称", total: 10_000m, plan2023: 1_000m));
        var fresh = Builders.NextCode();
        var file = Xlsx.Build(
            ["2023年濮阳县省市重点项目台账"],
            ["单位：亿元"],
            Header,
            [1, existing, "新名称", "濮阳县", 1.5, 0.6, "续建", "省市重点", "2022-03-01", "2024年12月", "张振华"],
            [2, fresh, "国际化工物流港项目", "濮阳县", 796.5, 120.03, "新建", "市重点", new DateOnly(2023, 4, 1), "2025.6", "王海涛、李卫东"],
            [null, null, "合计", null, 798, 120.63, null, null, null, null, null]);
        var client = await CountyStaffAsync();

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(file));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result.GetProperty("created").GetInt32().ShouldBe(1);
        result.GetProperty("updated").GetInt32().ShouldBe(1);
        result.GetProperty("planYear").GetInt32().ShouldBe(2023);
        var updated = await (await client.GetAsync($"/api/v1/projects/{existing}")).JsonAsync();
        updated.Str("name").ShouldBe("新名称");
        updated.GetProperty("totalInvestment").GetDecimal().ShouldBe(15_000m);
        updated.GetProperty("yearPlans")[0].GetProperty("plannedInvestment").GetDecimal().ShouldBe(6_000m);
        updated.GetProperty("yearPlans")[0].Str("kind").ShouldBe("Continuing");
        updated.GetProperty("levels").GetArrayLength().ShouldBe(2);
        updated.Str("location").ShouldBe("濮阳县产业集聚区", "a column the file does not have keeps its value");
        (await (await client.GetAsync("/api/v1/projects?year=2023&sort=TotalInvestment&desc=true")).JsonAsync()).Codes().ShouldBe([fresh, existing],
            "the list shows the imported projects at once");
        var created = await (await client.GetAsync($"/api/v1/projects/{fresh}")).JsonAsync();
        created.GetProperty("totalInvestment").GetDecimal().ShouldBe(7_965_000m);
        created.GetProperty("yearPlans")[0].GetProperty("plannedInvestment").GetDecimal().ShouldBe(1_200_300m);
        created.Str("plannedCompletion").ShouldBe("2025-06-30");
        created.GetProperty("team").EnumerateArray().Select(t => t.Str("name")).ShouldBe(["王海涛", "李卫东"]);
        var audit = await (await client.GetAsync($"/api/v1/audit?entityType=Project&entityKey={existing}")).JsonAsync();
        audit.GetProperty("items")[0].Str("channel").ShouldBe("import");
    }

    [Fact]
    public async Task Import_AFileWithBadCells_ReportsEveryCell_AndWritesNothing()
    {
        var org = await OrgAsync("濮阳县");
        var existing = await App.CreateProjectAsync(Builders.Project(org, name: "原名称"));
        var file = Xlsx.Build(
            Header,
            [1, existing, "改了名称", "濮阳县", 20_000, 5_000, "续建", "市重点", "2023-01-01", "2024-01-01", null],
            [2, Builders.NextCode(), "总投资不是数字", "濮阳县", "很多", 5_000, "新建", "市重点", "2023-01-01", "2024-01-01", null],
            [3, Builders.NextCode(), "日期不对", "濮阳县", 20_000, 5_000, "新建", "市重点", "2023-13-45", "2024-01-01", null],
            [4, Builders.NextCode(), "公式", "濮阳县", new Xlsx.Formula("SUM(1,2)", 3), 1, "新建", "市重点", null, null, null],
            [5, Builders.NextCode(), "外县", "南乐县", 20_000, 5_000, "新建", "市重点", null, null, null],
            [6, existing, "重复代码", "濮阳县", 20_000, 5_000, "新建", "市重点", null, null, null],
            [7, Builders.NextCode(), "计划超总投资", "濮阳县", 100, 500, "新建", "市重点", null, null, null]);
        var client = await CountyStaffAsync();

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(file));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.JsonAsync()).GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.Str("column"), Message: e.Str("message"))).ToList();
        errors.ShouldContain(e => e.Row == 3 && e.Column == "总投资" && e.Message == "“很多”不是数字。");
        errors.ShouldContain(e => e.Row == 4 && e.Column == "计划开工时间" && e.Message.StartsWith("“2023-13-45”不是日期"));
        errors.ShouldContain(e => e.Row == 5 && e.Column == "总投资" && e.Message.StartsWith("此处应为数值，不能是公式"));
        errors.ShouldContain(e => e.Row == 6 && e.Column == "所属地区" && e.Message.StartsWith("找不到地区“南乐县”"));
        errors.ShouldContain(e => e.Row == 7 && e.Column == "项目编码" && e.Message == $"项目代码 {existing} 在第 2 行已出现过。");
        errors.ShouldContain(e => e.Row == 8 && e.Column == "2023年计划投资" && e.Message == "2023 年计划投资不能超过计划总投资。");
        (await (await client.GetAsync($"/api/v1/projects/{existing}")).JsonAsync()).Str("name").ShouldBe("原名称");
        (await (await client.GetAsync("/api/v1/projects?year=all")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Import_DryRun_ChecksWithoutWriting()
    {
        var client = await CountyStaffAsync();
        var file = Xlsx.Build(Header, [1, Builders.NextCode(), "只检查", "濮阳县", 20_000, 5_000, "新建", "市重点", null, null, null]);
        var response = await client.PostAsync("/api/v1/projects/import?dryRun=true", Xlsx.Upload(file));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync()).GetProperty("created").GetInt32().ShouldBe(1);
        (await (await client.GetAsync("/api/v1/projects?year=all")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Import_ACsvSavedByChineseExcel_InGb18030_IsRead()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var code = Builders.NextCode();
        var csv = "项目代码,项目名称,所属地区,计划总投资(万元),2023年计划投资(万元),项目级别\r\n" + $"{code},清丰县实木家居产业园项目,濮阳县,\"12,000\",3000,县重点\r\n";
        var client = await CountyStaffAsync();

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(Encoding.GetEncoding("GB18030").GetBytes(csv), "ledger.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var p = await (await client.GetAsync($"/api/v1/projects/{code}")).JsonAsync();
        p.Str("name").ShouldBe("清丰县实木家居产业园项目");
        p.GetProperty("totalInvestment").GetDecimal().ShouldBe(12_000m);
    }

    [Fact]
    public async Task Import_AnOldExcel97File_IsReadLikeAnXlsx()
    {
        var client = await CountyStaffAsync();
        var file = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger-1997.xls"));

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(file, "ledger.xls"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("created").GetInt32().ShouldBe(2);
        var p = await (await client.GetAsync("/api/v1/projects/2301-410928-26-01-900001")).JsonAsync();
        p.Str("name").ShouldBe("濮阳县旧版Excel项目甲");
        p.GetProperty("totalInvestment").GetDecimal().ShouldBe(125_000m);
        p.GetProperty("yearPlans")[0].GetProperty("plannedInvestment").GetDecimal().ShouldBe(32_500m);
        p.Str("plannedStart").ShouldBe("2023-03-01");
        p.GetProperty("levels").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Import_WhatTheExportWrote_ChangesNothing()
    {
        var org = await OrgAsync("濮阳县");
        await App.CreateProjectAsync(Builders.Project(org) with
        {
            Lists = [new ListMembershipDraft(ProjectList.ThreeBatches, 7, ThreeBatchesBatch.Starting), new ListMembershipDraft(ProjectList.FourGuarantees, Scope: ListScope.City)],
            Team = [new TeamMemberDraft(TeamRole.Leader, "张振华", "副县长"), new TeamMemberDraft(TeamRole.UnitHead, "郭建华", "总经理", "13912345678")],
            ContactPhone = "+86 393 1234567",
            StatisticsEntry = new DateOnly(2023, 5, 1),
            ActualStart = new DateOnly(2023, 3, 15),
            Stage = ProjectStage.UnderConstruction,
        });
        var client = await CountyStaffAsync();
        var exported = await (await client.GetAsync("/api/v1/projects/export?year=2023")).Content.ReadAsByteArrayAsync();

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(exported));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result.GetProperty("unchanged").GetInt32().ShouldBe(1);
        result.GetProperty("updated").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("not-a-spreadsheet.xlsx", "这不是电子表格文件。请上传 .xlsx、.xls 或 .csv 文件。")]
    [InlineData("empty.xlsx", "文件是空的。")]
    public async Task Import_AFileThatIsNotALedger_IsRefusedWithAClearMessage(string name, string message)
    {
        var client = await CountyStaffAsync();
        var bytes = name.StartsWith("empty", StringComparison.Ordinal) ? [] : new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x00, 0x01 };
        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(bytes, name));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.JsonAsync()).GetProperty("errors")[0].Str("message").ShouldBe(message);
    }

    [Fact]
    public async Task Import_AFileOverTenMegabytes_IsRefusedAsTooLarge()
    {
        var client = await CountyStaffAsync();
        var big = new byte[10 * 1024 * 1024 + 100];
        "项目代码,项目名称\r\n"u8.ToArray().CopyTo(big, 0);
        Array.Fill(big, (byte)'a', 40, big.Length - 40);

        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(big, "big.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.JsonAsync()).GetProperty("errors")[0].Str("message").ShouldBe("文件超过 10 MB，请拆分后分批导入。");
    }

    [Fact]
    public async Task Import_ByAViewer_IsForbidden()
    {
        await App.CreateUserAsync("viewer", Role.Viewer, "濮阳县");
        var client = await App.ApiClientAsync("viewer");
        var response = await client.PostAsync("/api/v1/projects/import", Xlsx.Upload(Xlsx.Build(Header)));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Template_HasTheLedgerHeaderAndNoRows()
    {
        var browser = await LoginStaffAsync();
        var response = await browser.Http.GetAsync("/projects/import/template");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync());
        rows[2].ShouldContain("项目代码");
        rows[2].ShouldContain("计划总投资(万元)");
        rows[3][2].ShouldStartWith("合计");
    }

    private async Task<BrowserClient> LoginStaffAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return await App.LoginAsync("pyx");
    }

}

public sealed class ExcelApiTestsSqlite : ExcelApiTests<SqliteTestDatabase>;

public sealed class ExcelApiTestsPostgres : ExcelApiTests<PostgresTestDatabase>;
