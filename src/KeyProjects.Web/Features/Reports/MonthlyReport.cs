using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Reports;

/// <summary>A project's monthly report (月报), as filled in and moved through review. Money in 万元.</summary>
public sealed class MonthlyReport : IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Draft;
    public int Version { get; set; } = 1;

    public decimal MonthCompleted { get; set; }
    public decimal YtdCompleted { get; set; }
    public decimal SinceStartCompleted { get; set; }
    public decimal FundsYtd { get; set; }
    public decimal FundsCentral { get; set; }
    public decimal FundsProvincial { get; set; }
    public decimal FundsLocal { get; set; }
    public decimal FundsBankLoan { get; set; }
    public decimal FundsSelfRaised { get; set; }
    public decimal FundsOther { get; set; }
    public decimal CumCentral { get; set; }
    public decimal CumProvincial { get; set; }
    public decimal CumLocal { get; set; }
    public decimal CumBankLoan { get; set; }
    public decimal CumSelfRaised { get; set; }
    public decimal CumOther { get; set; }
    public StartStatus StartStatus { get; set; }
    public StopReason? StopReason { get; set; }
    public int? Workers { get; set; }
    public string? ImageProgress { get; set; }
    public decimal? StatisticalYtd { get; set; }
    /// <summary>Integrity flags (bit 1 &lt;&lt; flag) for the reviewer.</summary>
    public int Flags { get; set; }

    public string? ReturnReason { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }

    /// <summary>History brought in by an administrator (API or Excel), not reported through the workflow.</summary>
    public bool IsLoaded { get; set; }
    public string? LoadedBy { get; set; }
    public DateTime? LoadedAtUtc { get; set; }

    public Period Period => new(Year, Month);

    public ReportFigures Figures => new()
    {
        MonthCompleted = MonthCompleted,
        YtdCompleted = YtdCompleted,
        SinceStartCompleted = SinceStartCompleted,
        FundsMonth = new Funds(FundsCentral, FundsProvincial, FundsLocal, FundsBankLoan, FundsSelfRaised, FundsOther),
        FundsCumulative = new Funds(CumCentral, CumProvincial, CumLocal, CumBankLoan, CumSelfRaised, CumOther),
        FundsYtd = FundsYtd,
        StartStatus = StartStatus,
        StopReason = StopReason,
        Workers = Workers,
        ImageProgress = ImageProgress,
        StatisticalYtd = StatisticalYtd,
    };

    public void SetFigures(ReportFigures f)
    {
        MonthCompleted = f.MonthCompleted;
        YtdCompleted = f.YtdCompleted;
        SinceStartCompleted = f.SinceStartCompleted;
        FundsYtd = f.FundsYtd;
        (FundsCentral, FundsProvincial, FundsLocal, FundsBankLoan, FundsSelfRaised, FundsOther) =
            (f.FundsMonth.Central, f.FundsMonth.Provincial, f.FundsMonth.Local, f.FundsMonth.BankLoan, f.FundsMonth.SelfRaised, f.FundsMonth.Other);
        (CumCentral, CumProvincial, CumLocal, CumBankLoan, CumSelfRaised, CumOther) =
            (f.FundsCumulative.Central, f.FundsCumulative.Provincial, f.FundsCumulative.Local, f.FundsCumulative.BankLoan, f.FundsCumulative.SelfRaised, f.FundsCumulative.Other);
        StartStatus = f.StartStatus;
        StopReason = f.StopReason;
        Workers = f.Workers;
        ImageProgress = f.ImageProgress;
        StatisticalYtd = f.StatisticalYtd;
    }

    public IReadOnlyList<IntegrityFlag> FlagList => Enum.GetValues<IntegrityFlag>().Where(f => (Flags & (1 << (int)f)) != 0).ToList();

    /// <summary>The badge colour of a status, the same on every page.</summary>
    public static string BadgeCss(ReportStatus status) => status switch
    {
        ReportStatus.Submitted => "bg-blue-lt",
        ReportStatus.Approved => "bg-green-lt",
        ReportStatus.Returned => "bg-red-lt",
        ReportStatus.Locked => "bg-secondary-lt",
        _ => "bg-yellow-lt",
    };

    public static int FlagBits(IEnumerable<IntegrityFlag> flags) => flags.Aggregate(0, (bits, f) => bits | (1 << (int)f));

    /// <summary>The fields as the audit log records them (invariant text).</summary>
    public Dictionary<string, string?> AuditFields()
    {
        static string? D(decimal? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["Status"] = Status.ToString(),
            ["MonthCompleted"] = D(MonthCompleted),
            ["YtdCompleted"] = D(YtdCompleted),
            ["SinceStartCompleted"] = D(SinceStartCompleted),
            ["FundsCentral"] = D(FundsCentral),
            ["FundsProvincial"] = D(FundsProvincial),
            ["FundsLocal"] = D(FundsLocal),
            ["FundsBankLoan"] = D(FundsBankLoan),
            ["FundsSelfRaised"] = D(FundsSelfRaised),
            ["FundsOther"] = D(FundsOther),
            ["StartStatus"] = StartStatus.ToString(),
            ["StopReason"] = StopReason?.ToString(),
            ["Workers"] = Workers?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ImageProgress"] = ImageProgress,
            ["StatisticalYtd"] = D(StatisticalYtd),
            ["ReturnReason"] = ReturnReason,
        };
    }
}

public sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> b)
    {
        b.ToTable("MonthlyReports");
        b.HasOne(r => r.Project).WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.ProjectId, r.Year, r.Month }).IsUnique();
        b.HasIndex(r => new { r.Year, r.Month, r.Status });
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.ImageProgress).HasMaxLength(ReportRules.MaxImageProgressLength);
        b.Property(r => r.ReturnReason).HasMaxLength(ReportWorkflow.MaxReasonLength);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
        b.Property(r => r.SubmittedBy).HasMaxLength(256);
        b.Property(r => r.ReviewedBy).HasMaxLength(256);
        b.Property(r => r.LoadedBy).HasMaxLength(256);
        b.Ignore(r => r.Period);
        b.Ignore(r => r.Figures);
        b.Ignore(r => r.FlagList);
    }
}

/// <summary>
/// An approved state of a report, never changed: what the metrics count. A report approved again after a return or a
/// reopening gets a new revision, marked as a correction; views as of a date use the revisions known by then.
/// </summary>
public sealed class ReportRevision
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public int ProjectId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int RevisionNo { get; set; }
    public bool IsCorrection { get; set; }
    public bool IsLoaded { get; set; }
    /// <summary>From when the figures count (approval time, or the date a loader gives).</summary>
    public DateTime KnownFromUtc { get; set; }
    public decimal MonthCompleted { get; set; }
    public decimal YtdCompleted { get; set; }
    public decimal SinceStartCompleted { get; set; }
    public decimal FundsYtd { get; set; }
    public StartStatus StartStatus { get; set; }
    public decimal? StatisticalYtd { get; set; }
    public string ApprovedBy { get; set; } = "";
    public long ChangeSeq { get; set; }

    /// <summary>The report's figures as they stand, as revision <paramref name="revisionNo"/> (a correction after the first).</summary>
    public static ReportRevision Of(MonthlyReport report, int revisionNo, DateTime knownFromUtc, string by, long changeSeq) => new()
    {
        ReportId = report.Id,
        ProjectId = report.ProjectId,
        Year = report.Year,
        Month = report.Month,
        RevisionNo = revisionNo,
        IsCorrection = revisionNo > 1,
        IsLoaded = report.IsLoaded,
        KnownFromUtc = knownFromUtc,
        MonthCompleted = report.MonthCompleted,
        YtdCompleted = report.YtdCompleted,
        SinceStartCompleted = report.SinceStartCompleted,
        FundsYtd = report.FundsYtd,
        StartStatus = report.StartStatus,
        StatisticalYtd = report.StatisticalYtd,
        ApprovedBy = by,
        ChangeSeq = changeSeq,
    };
}

public sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> b)
    {
        b.ToTable("ReportRevisions");
        b.HasIndex(r => r.ChangeSeq);
        b.HasIndex(r => new { r.ProjectId, r.Year, r.Month, r.RevisionNo }).IsUnique();
        b.HasIndex(r => new { r.Year, r.Month, r.KnownFromUtc });
        b.HasOne<MonthlyReport>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.ApprovedBy).HasMaxLength(256);
    }
}

/// <summary>A month closed (锁定) for an organisation's subtree: no report of it may be written until an administrator reopens one.</summary>
public sealed class PeriodClosure : IAudited
{
    public long Id { get; set; }
    public int OrgId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public string ClosedBy { get; set; } = "";
    public DateTime ClosedAtUtc { get; set; }
}

public sealed class PeriodClosureConfiguration : IEntityTypeConfiguration<PeriodClosure>
{
    public void Configure(EntityTypeBuilder<PeriodClosure> b)
    {
        b.ToTable("PeriodClosures");
        b.HasIndex(c => new { c.OrgId, c.Year, c.Month }).IsUnique();
        b.HasIndex(c => new { c.Year, c.Month });
        b.Property(c => c.ClosedBy).HasMaxLength(256);
    }
}
