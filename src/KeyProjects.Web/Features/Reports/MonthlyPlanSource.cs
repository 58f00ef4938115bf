using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Where the progress index reads the projects' monthly plans (按月排进度) from: the rows written since a change number.</summary>
internal static class MonthlyPlanSource
{
    public static Task<List<MonthlyPlanRow>> ChangedSinceAsync(AppDbContext db, long since, CancellationToken ct) =>
        db.ProjectMonthlyPlans.AsNoTracking()
            .Where(p => p.ChangeSeq > since)
            .Select(p => new MonthlyPlanRow(p.ProjectId, p.Year, p.Month, p.PlannedInvestment))
            .ToListAsync(ct);
}
