using KeyProjects.Web.Data;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Where the progress index reads the projects' monthly plans (按月排进度) from.</summary>
internal static class MonthlyPlanSource
{
    public static Task<List<MonthlyPlanRow>> ChangedSinceAsync(AppDbContext db, long since, CancellationToken ct) =>
        Task.FromResult(new List<MonthlyPlanRow>());
}
