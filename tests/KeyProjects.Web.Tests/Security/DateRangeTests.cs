using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;

namespace KeyProjects.Web.Tests.Security;

/// <summary>Issue 12, point 9: a date outside 2000 … thirty years ahead is refused with a message naming the range, and nothing is written.</summary>
public abstract class DateRangeTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task AProblemRaisedOnTheFirstOfJanuaryOfYearOne_IsRefused_AndNoProblemIsWritten()
    {
        var world = await ProblemWorld.SeedAsync(App);
        var staff = await App.ApiClientAsync("pyx");

        var response = await staff.PostJsonAsync("/api/v1/problems", new
        {
            projectCode = world.Project, title = "历史问题", category = "Land", departmentOrgId = world.Land, raisedAt = "0001-01-01T00:00:00Z",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("errors").GetProperty("RaisedAt")[0].GetString().ShouldBe("日期须在 2000 年至 2056 年之间，请检查年份。");
        (await (await staff.GetAsync("/api/v1/problems")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData("0001-06-30")]
    [InlineData("1999-12-31")]
    [InlineData("2206-05-01")]
    public async Task AMilestoneOutsideTheRange_IsRefused(string planned)
    {
        var code = await App.CreateProjectAsync(Builders.Project(await App.OrgIdAsync("濮阳县")));
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var staff = await App.ApiClientAsync("pyx");

        var response = await staff.PostJsonAsync($"/api/v1/projects/{code}/milestones", new { name = "主体封顶", plannedDate = planned, sortOrder = 10 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("PlannedDate")[0].GetString().ShouldBe("日期须在 2000 年至 2056 年之间，请检查年份。");
        (await (await staff.GetAsync($"/api/v1/projects/{code}/milestones")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AProjectWithAPlannedStartInYearOne_IsRefused_InEnglishToo()
    {
        var admin = await App.ApiClientAsync("admin");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var body = new
        {
            code = Builders.NextCode(), name = "年份有误的项目", orgId = await App.OrgIdAsync("濮阳县"), levels = new[] { "County" }, totalInvestment = 1_000m,
            yearPlans = new[] { new { year = 2026, plannedInvestment = 500m } }, plannedStart = "0001-01-01", plannedCompletion = "2027-12-31",
        };

        var response = await admin.PostJsonAsync("/api/v1/projects", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("errors").GetProperty("PlannedStart")[0].GetString().ShouldBe("The date must lie between 2000 and 2056; check the year.");
    }
}

public sealed class DateRangeTestsSqlite : DateRangeTests<SqliteTestDatabase>;

public sealed class DateRangeTestsPostgres : DateRangeTests<PostgresTestDatabase>;
