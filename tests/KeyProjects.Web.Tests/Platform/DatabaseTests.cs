using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

public abstract class DatabaseTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Start_AppliesEveryMigration_AndTheModelHasNoChangeWithoutAMigration()
    {
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
            db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without a migration for " + App.Provider + ": run tools/add-migration.sh");
        });
    }

    [Fact]
    public async Task Start_SeedsThePlacesOfTheArticles_AndRunningTheSeedAgainAddsNothing()
    {
        var names = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Organisations.Select(o => o.Name).ToListAsync());
        names.ShouldContain("河南省");
        foreach (var unit in new[] { "濮阳县", "南乐县", "清丰县", "范县", "台前县", "华龙区", "经开区", "城乡一体化示范区", "工业园区", "荥阳市", "漯河市", "驻马店市", "邓州市" })
            names.ShouldContain(unit);

        await App.WithServicesAsync(sp => Features.Organisations.PlaceSeed.SeedAsync(sp.GetRequiredService<AppDbContext>(), TimeProvider.System));
        var again = await App.WithServicesAsync(sp => sp.GetRequiredService<AppDbContext>().Organisations.CountAsync());
        again.ShouldBe(names.Count);
    }

    [Fact]
    public async Task Save_ChangingAProjectWithoutAnAuditEntry_IsRefused()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var project = await db.Projects.SingleAsync(p => p.Code == code);
            project.Name = "悄悄改名";
            var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            error.Message.ShouldContain("Unaudited");
        });
    }

    [Fact]
    public async Task Money_IsStoredAndSummedExactly_ToTheYuan()
    {
        var org = await OrgAsync("濮阳县");
        await App.CreateProjectAsync(Builders.Project(org, total: 12_345.6789m, plan2023: 0.0001m));
        await App.CreateProjectAsync(Builders.Project(org, total: 0.0001m, plan2023: 0.0001m));
        var page = await App.WithServicesAsync(sp => sp.GetRequiredService<ProjectService>().ListAsync(Actor.System("test"), new ProjectFilter { Year = 2023 }));
        page.SumTotalInvestment.ShouldBe(12_345.679m);
        page.SumAnnualPlan.ShouldBe(0.0002m);
    }
}

public sealed class DatabaseTestsSqlite : DatabaseTests<SqliteTestDatabase>;

public sealed class DatabaseTestsPostgres : DatabaseTests<PostgresTestDatabase>;
