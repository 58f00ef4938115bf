using KeyProjects.Domain.Access;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>The demo ledgers reproduce the published 2023 figures of 004_de757d22e3a3afeb.txt (FACTS.md §1.1, §1.2, §1.10).</summary>
public abstract class DemoDataTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    private Task<ProjectPage> LedgerAsync(string org, ConstructionKind? kind = null) => App.WithServicesAsync(async sp =>
        await sp.GetRequiredService<ProjectService>().ListAsync(Actor.System("test"),
            new ProjectFilter { OrgId = await OrgAsync(org), Year = 2023, Construction = kind }));

    [Theory]
    [InlineData("濮阳县", 56, 7_965_000, 3_434_000)]
    [InlineData("南乐县", 41, 2_613_500, 1_200_300)]
    public async Task Demo_ReproducesTheCountysPublishedKeyProjectTotals(string county, int projects, int totalWan, int planWan)
    {
        var ledger = await LedgerAsync(county);
        ledger.Total.ShouldBe(projects);
        ledger.SumTotalInvestment.ShouldBe(totalWan);
        ledger.SumAnnualPlan.ShouldBe(planWan);
    }

    [Fact]
    public async Task Demo_PuyangCountyHas36NewAnd20ContinuingProjects_AndHualongHas29()
    {
        var puyang = await LedgerAsync("濮阳县");
        puyang.NewCount.ShouldBe(36);
        puyang.ContinuingCount.ShouldBe(20);
        (await LedgerAsync("濮阳县", ConstructionKind.Continuing)).Total.ShouldBe(20);
        (await LedgerAsync("华龙区")).Total.ShouldBe(29);
    }

    [Fact]
    public async Task Demo_NamesTheProjectsOfTheArticles_AndEveryRoleHasALogin()
    {
        var all = await App.WithServicesAsync(sp => sp.GetRequiredService<ProjectService>().ListAsync(Actor.System("test"), new ProjectFilter { AllYears = true, PageSize = 200, Text = "项目" }));
        var names = all.Items.Select(i => i.Name).ToList();
        foreach (var named in new[] { "京东智慧物流港项目", "君恒生物年产30万吨生物新能源项目", "中沁泰康氢能产业园项目", "国鸿氢能科技产业园项目", "中科濮原MMA项目" })
            (await App.WithServicesAsync(sp => sp.GetRequiredService<ProjectService>().ListAsync(Actor.System("test"), new ProjectFilter { AllYears = true, Text = named })))
                .Items.ShouldContain(i => i.Name == named, named);
        foreach (var (userName, _, role, _, _) in Features.Demo.DemoData.Users)
        {
            var client = await App.ApiClientAsync(userName, Features.Demo.DemoData.Password);
            (await client.GetAsync("/api/v1/orgs")).IsSuccessStatusCode.ShouldBeTrue($"{userName} ({role})");
        }
        Enum.GetValues<Role>().ShouldAllBe(r => Features.Demo.DemoData.Users.Any(u => u.Role == r));
        names.ShouldNotBeEmpty();
    }
}

public sealed class DemoDataTestsSqlite : DemoDataTests<SqliteTestDatabase>;

public sealed class DemoDataTestsPostgres : DemoDataTests<PostgresTestDatabase>;
