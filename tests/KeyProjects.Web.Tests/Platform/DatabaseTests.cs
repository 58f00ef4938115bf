using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

public abstract class DatabaseTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool EmptyDatabase => true; // the first start: every migration applied, the places seeded

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
            project.ChangeSeq++;
            var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            error.Message.ShouldContain("Unaudited");
        });
    }

    [Fact]
    public async Task Save_WritingAProjectWithoutARegistryChangeNumber_IsRefused_SoNoServersListMissesIt()
    {
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var project = await db.Projects.SingleAsync(p => p.Code == code);
            project.Name = "改名但不编号";
            Features.Audit.AuditLog.Add(db, TimeProvider.System, Actor.System("test"), "Project", code, "/", Features.Audit.AuditAction.Updated, []);
            var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            error.Message.ShouldContain("registry change number");
        });
    }

    [Fact]
    public async Task TheListOfEveryServer_SeesAChangeMadeThroughAnother()
    {
        var org = await OrgAsync("濮阳县");
        var code = await App.CreateProjectAsync(Builders.Project(org, name: "第一台服务器建的项目"));
        await using var other = App.WithWebHostBuilder(_ => { });
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var viaOther = other.CreateClient();
        var token = await (await viaOther.PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new { userName = "pyx", password = KeyProjectsApp.Password }))).JsonAsync();
        viaOther.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
        (await (await viaOther.GetAsync("/api/v1/projects?year=2023")).JsonAsync()).Codes().ShouldBe([code]);

        var second = await App.CreateProjectAsync(Builders.Project(org, name: "又建一个"));
        await App.WithServicesAsync(async sp =>
            (await sp.GetRequiredService<ProjectService>().RetireAsync(Actor.System("test"), code, 1, "重复录入")).Succeeded.ShouldBeTrue());

        (await (await viaOther.GetAsync("/api/v1/projects?year=2023")).JsonAsync()).Codes().ShouldBe([second]);
    }

    [Fact]
    public async Task UnitOfWork_WithoutSavepoints_TurnsThemOffForItsTransactionOnly_AndNotInsideACallersTransaction()
    {
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using (var tx = await db.UnitOfWorkAsync(CancellationToken.None, savepoints: false))
            {
                db.Database.AutoSavepointsEnabled.ShouldBeFalse();
                await tx.CommitAsync(CancellationToken.None);
            }
            db.Database.AutoSavepointsEnabled.ShouldBeTrue();

            await using (var outer = await db.UnitOfWorkAsync(CancellationToken.None))
            {
                await using (await db.UnitOfWorkAsync(CancellationToken.None, savepoints: false))
                    db.Database.AutoSavepointsEnabled.ShouldBeTrue(); // the caller's transaction keeps its savepoints
                db.Database.AutoSavepointsEnabled.ShouldBeTrue();
            }
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
