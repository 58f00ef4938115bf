using KeyProjects.Web.Data;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Milestones;

public abstract class MilestoneDemoTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    [Fact]
    public async Task Demo_GivesThreeProjectsMilestonesWithAMovedDate_AndA2023MonthlyPlanThatAddsUp()
    {
        var (milestones, changes, plans, annual) = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ms = await db.Milestones.CountAsync();
            var ch = await db.MilestoneChanges.CountAsync();
            var rows = await db.ProjectMonthlyPlans.Where(p => p.Year == 2023).ToListAsync();
            var ids = rows.Select(r => r.ProjectId).Distinct().ToList();
            var yearPlans = await db.ProjectYearPlans.Where(y => y.Year == 2023 && ids.Contains(y.ProjectId)).ToListAsync();
            return (ms, ch, rows, yearPlans);
        });

        milestones.ShouldBe(18);
        changes.ShouldBe(3);
        plans.Count.ShouldBe(36);
        foreach (var y in annual)
            plans.Where(p => p.ProjectId == y.ProjectId).Sum(p => p.PlannedInvestment).ShouldBe(y.PlannedInvestment);
    }
}

public sealed class MilestoneDemoTestsSqlite : MilestoneDemoTests<SqliteTestDatabase>;

public sealed class MilestoneDemoTestsPostgres : MilestoneDemoTests<PostgresTestDatabase>;
