using System.Diagnostics;
using KeyProjects.Dataset;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Load;

/// <summary>
/// <c>reports</c>, run after <c>generate</c>: five years of monthly reports (2020-01 … 2024-12, <see cref="ProvinceReports"/>)
/// for every generated project, as history loaded by an administrator would leave them — status 锁定, IsLoaded, one
/// revision known from the month's deadline (the 5th of the next month, end of day in China), and a second revision
/// (IsCorrection) known 2–6 weeks later for about 2 % of the months. Written in bulk through the app's
/// <see cref="BulkWriter"/> (prepared statements on SQLite, binary COPY on PostgreSQL) in one transaction per 500
/// projects, each taking one progress change number (<see cref="ChangeCounter.NextAsync(AppDbContext, Counter, int, CancellationToken)"/>) for its
/// revisions. The bulk path does not go through EF's SaveChanges, so the audit guard does not apply and no AuditEntry
/// is written (loading the same months through <c>ReportService.LoadHistoryAsync</c> would write 1.2 million).
/// Running it again on a database that holds reports does nothing.
/// </summary>
public static class ReportsGenerator
{
    private const int ProjectsPerBatch = 500;
    private const string By = "bench";

    public static async Task<int> RunAsync(Options o)
    {
        var (provider, connection) = AppHost.DatabaseOf(o);
        var count = o.Int("projects", ProvinceProjects.DefaultCount);
        var seed = o.Int("seed", ProvinceProjects.DefaultSeed);
        var total = Stopwatch.StartNew();
        await using var host = new AppHost(provider, connection, o.Get("admin-password") ?? Generator.DefaultAdminPassword);
        var services = host.Services;

        Dictionary<string, int> ids;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.MonthlyReports.AnyAsync())
            {
                Console.WriteLine($"reports: the database already holds {await db.MonthlyReports.CountAsync()} monthly reports; nothing more to do.");
                return 0;
            }
            ids = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id);
        }
        if (ids.Count == 0) throw new InvalidOperationException("No projects: run generate first.");

        var schedule = ReportingSchedule.Default;
        long reports = 0, revisions = 0, corrections = 0;
        var timer = Stopwatch.StartNew();
        foreach (var chunk in ProvinceReports.Generate(count, seed).Chunk(ProjectsPerBatch))
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var seq = await ChangeCounter.NextAsync(db, Counter.Progress, 1, default);
            var months = chunk.Sum(c => c.History.Length);
            var reportIds = await BulkWriter.ReserveIdsAsync<MonthlyReport>(db, months, default);
            var reportRows = new List<MonthlyReport>(months);
            var revisionRows = new List<ReportRevision>(months + months / 20);
            var next = 0;
            foreach (var (project, history) in chunk)
            {
                var code = ProjectCode.Normalize(project.Draft.Code);
                if (!ids.TryGetValue(code, out var projectId))
                    throw new InvalidOperationException($"Project {code} is not in the database: generate with the same --projects and --seed.");
                foreach (var h in history)
                {
                    var id = reportIds[next++];
                    var deadline = schedule.Deadline(h.Period);
                    var known = Display.EndOfDayUtc(deadline).AddTicks(-1);
                    var correctedAt = Display.EndOfDayUtc(deadline.AddDays(h.CorrectionDays)).AddTicks(-1);
                    var last = h.Original is null ? known : correctedAt;
                    reportRows.Add(Report(id, projectId, h, last));
                    if (h.Original is { } first)
                    {
                        revisionRows.Add(Revision(id, projectId, h.Period, 1, first, known, seq));
                        revisionRows.Add(Revision(id, projectId, h.Period, 2, h.Final, correctedAt, seq));
                        corrections++;
                    }
                    else revisionRows.Add(Revision(id, projectId, h.Period, 1, h.Final, known, seq));
                }
            }
            await BulkWriter.InsertAsync(db, reportRows, default);
            await BulkWriter.InsertAsync(db, revisionRows, default);
            await tx.CommitAsync();
            reports += reportRows.Count;
            revisions += revisionRows.Count;
            if (reports % 300_000 == 0 || chunk.Length < ProjectsPerBatch)
                Console.WriteLine($"reports: {reports:N0} reports, {revisions:N0} revisions ({reports / timer.Elapsed.TotalSeconds:N0} reports per second)");
        }

        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // PostgreSQL's autovacuum would analyse the new tables soon after a load like this; do it now.
            if (!db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("ANALYZE \"MonthlyReports\"; ANALYZE \"ReportRevisions\";");
        }
        Console.WriteLine($"reports: done, {reports:N0} monthly reports ({ProvinceReports.First}…{ProvinceReports.Last}), {revisions:N0} revisions of which "
            + $"{corrections:N0} corrections, in {timer.Elapsed.TotalSeconds:0.0} s ({total.Elapsed.TotalSeconds:0.0} s with start-up)");
        return 0;
    }

    private static MonthlyReport Report(long id, int projectId, HistoryMonth h, DateTime at)
    {
        var f = h.Final;
        return new MonthlyReport
        {
            Id = id,
            ProjectId = projectId,
            Year = h.Period.Year,
            Month = h.Period.Month,
            Status = ReportStatus.Locked,
            Version = h.Original is null ? 1 : 2,
            MonthCompleted = MonthFigures.Wan(f.Month),
            YtdCompleted = MonthFigures.Wan(f.Ytd),
            SinceStartCompleted = MonthFigures.Wan(f.SinceStart),
            FundsYtd = MonthFigures.Wan(f.FundsYtd),
            FundsLocal = MonthFigures.Wan(f.FundsA),
            FundsBankLoan = MonthFigures.Wan(f.FundsB),
            CumLocal = MonthFigures.Wan(f.FundsCumA),
            CumBankLoan = MonthFigures.Wan(f.FundsCumB),
            StartStatus = f.Status,
            Workers = f.Workers,
            CreatedBy = By,
            CreatedAtUtc = at,
            UpdatedBy = By,
            UpdatedAtUtc = at,
            IsLoaded = true,
            LoadedBy = By,
            LoadedAtUtc = at,
        };
    }

    private static ReportRevision Revision(long reportId, int projectId, Period period, int no, MonthFigures f, DateTime known, long seq) => new()
    {
        ReportId = reportId,
        ProjectId = projectId,
        Year = period.Year,
        Month = period.Month,
        RevisionNo = no,
        IsCorrection = no > 1,
        IsLoaded = true,
        KnownFromUtc = known,
        MonthCompleted = MonthFigures.Wan(f.Month),
        YtdCompleted = MonthFigures.Wan(f.Ytd),
        SinceStartCompleted = MonthFigures.Wan(f.SinceStart),
        FundsYtd = MonthFigures.Wan(f.FundsYtd),
        StartStatus = f.Status,
        ApprovedBy = By,
        ChangeSeq = seq,
    };
}
