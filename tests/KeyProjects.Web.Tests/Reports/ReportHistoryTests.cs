using System.Net;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Reports;

public abstract class ReportHistoryTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private async Task<(string A, string B, HttpClient Admin, int County)> SetUpAsync()
    {
        App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var county = await OrgAsync("濮阳县");
        var a = await App.CreateProjectAsync(Builders.Project(county, plan2023: 10_000m));
        var b = await App.CreateProjectAsync(Builders.Project(county, plan2023: 30_000m));
        await App.CreateUserAsync("pyadmin", Role.Admin, "濮阳县");
        return (a, b, await App.ApiClientAsync("pyadmin"), county);
    }

    private static MultipartFormDataContent Upload(byte[] file, string year = "2023", string month = "3", string? knownFrom = null)
    {
        var content = Xlsx.Upload(file);
        content.Add(new StringContent(year), "year");
        content.Add(new StringContent(month), "month");
        if (knownFrom is not null) content.Add(new StringContent(knownFrom), "knownFrom");
        return content;
    }

    private static byte[] Ledger(params object?[][] lines) => Xlsx.Build(
        [.. new object?[][]
        {
            ["濮阳县重点项目2023年1-3月投资完成情况台账"],
            ["单位：万元"],
            ["序号", "项目代码", "项目名称", "当月完成投资（万元）", "年初至报告期累计完成投资（万元）", "开复工状态", "施工人数", "主要形象进度"],
        }, .. lines, [null, null, "合计（2个）", 1_500m, 4_500m]]);

    [Fact]
    public async Task AMonthsLedger_LoadsAsHistory_AndCountsFromTheDeadline()
    {
        var (a, b, admin, county) = await SetUpAsync();
        var file = Ledger([1, a, "项目甲", 500m, 1_500m, "已开工", 120, "厂房基础施工"], [2, b, "项目乙", 1_000m, 3_000m, "在建", 200, "设备安装"]);

        var response = await admin.PostAsync("/api/v1/reports/history", Upload(file));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("loaded").GetInt32().ShouldBe(2);

        var listed = await (await admin.GetAsync($"/api/v1/reports?projectCode={a}")).JsonAsync();
        listed[0].GetProperty("isLoaded").GetBoolean().ShouldBeTrue();
        listed[0].Str("imageProgress").ShouldBe("厂房基础施工");
        listed[0].GetProperty("workers").GetInt32().ShouldBe(120);
        var metrics = (await (await admin.GetAsync($"/api/v1/metrics?org={county}&period=2023-03")).JsonAsync()).GetProperty("metrics");
        metrics.GetProperty("ytdCompleted").GetDecimal().ShouldBe(4_500m);
        metrics.GetProperty("completionRate").GetProperty("value").GetDecimal().ShouldBe(11.3m);
        var before = (await (await admin.GetAsync($"/api/v1/metrics?org={county}&period=2023-03&asOf=2023-04-04")).JsonAsync()).GetProperty("metrics");
        before.GetProperty("ytdCompleted").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task ABadRow_LoadsNothing_AndSaysWhichRowAndColumn()
    {
        var (a, b, admin, county) = await SetUpAsync();
        var file = Ledger([1, a, "项目甲", 500m, 1_500m, "已开工", 120, null], [2, b, "项目乙", "一千", 3_000m, "施工中", 200, null]);

        var response = await admin.PostAsync("/api/v1/reports/history", Upload(file));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        errors.ShouldContain(e => e.GetProperty("row").GetInt32() == 5 && e.Str("column") == "当月完成投资");
        errors.ShouldContain(e => e.GetProperty("row").GetInt32() == 5 && e.Str("column") == "开复工状态");
        (await (await admin.GetAsync("/api/v1/reports?year=2023")).JsonAsync()).GetArrayLength().ShouldBe(0);

        // A rule broken on the second row (below last month is impossible here, so: beyond total investment) rolls back the first.
        var tooMuch = Ledger([1, a, "项目甲", 500m, 1_500m, null, null, null], [2, b, "项目乙", 60_000m, 60_000m, null, null, null]);
        var refused = await admin.PostAsync("/api/v1/reports/history", Upload(tooMuch));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("不能超过项目总投资");
        (await (await admin.GetAsync("/api/v1/reports?year=2023")).JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task NotASpreadsheet_NotAnAdministrator_OrNoPeriod_AreRefused()
    {
        var (a, _, admin, _) = await SetUpAsync();
        var pdf = Upload([.. "%PDF-1.7\n"u8.ToArray(), 0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A, 0x00, 0x01, 0x02]);
        var notSheet = await admin.PostAsync("/api/v1/reports/history", pdf);
        notSheet.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notSheet.JsonAsync()).Str("detail").ShouldContain("电子表格");

        var noPeriod = await admin.PostAsync("/api/v1/reports/history", Upload(Ledger([1, a, "甲", 1m, 1m]), month: "13"));
        noPeriod.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var staff = await App.ApiClientAsync("pyx");
        (await staff.PostAsync("/api/v1/reports/history", Upload(Ledger([1, a, "甲", 1m, 1m])))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ThePage_LoadsTheFile_ForAnAdministrator()
    {
        var (a, b, _, _) = await SetUpAsync();
        var browser = await App.LoginAsync("pyadmin");
        var content = Upload(Ledger([1, a, "项目甲", 500m, 1_500m, null, null, null], [2, b, "项目乙", 1_000m, 3_000m, null, null, null]));
        var page = await browser.PostMultipartAsync("/reports/history", "/reports/history", content);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Text("[data-testid=history-done]").ShouldContain("2");
    }
}

public sealed class ReportHistoryTestsSqlite : ReportHistoryTests<SqliteTestDatabase>;

public sealed class ReportHistoryTestsPostgres : ReportHistoryTests<PostgresTestDatabase>;
