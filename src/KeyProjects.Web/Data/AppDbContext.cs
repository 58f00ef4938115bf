using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<PeerGroup> PeerGroups => Set<PeerGroup>();
    public DbSet<PeerGroupMember> PeerGroupMembers => Set<PeerGroupMember>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectYearPlan> ProjectYearPlans => Set<ProjectYearPlan>();
    public DbSet<ProjectListMembership> ProjectLists => Set<ProjectListMembership>();
    public DbSet<ProjectTeamMember> ProjectTeam => Set<ProjectTeamMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RegistryChanges> RegistryChanges => Set<RegistryChanges>();
    public DbSet<Features.Reports.MonthlyReport> MonthlyReports => Set<Features.Reports.MonthlyReport>();
    public DbSet<Features.Reports.ReportRevision> ReportRevisions => Set<Features.Reports.ReportRevision>();
    public DbSet<Features.Reports.PeriodClosure> PeriodClosures => Set<Features.Reports.PeriodClosure>();
    public DbSet<Features.Problems.Problem> Problems => Set<Features.Problems.Problem>();
    public DbSet<Features.Problems.ProblemStep> ProblemSteps => Set<Features.Problems.ProblemStep>();
    public DbSet<Features.Problems.ProblemChange> ProblemChangeLog => Set<Features.Problems.ProblemChange>();
    public DbSet<Features.Meetings.Meeting> Meetings => Set<Features.Meetings.Meeting>();
    public DbSet<Features.Meetings.MeetingSeries> MeetingSeries => Set<Features.Meetings.MeetingSeries>();
    public DbSet<Features.Meetings.MeetingTask> MeetingTasks => Set<Features.Meetings.MeetingTask>();
    public DbSet<Features.Notices.Notice> Notices => Set<Features.Notices.Notice>();
    public DbSet<Features.Notices.NoticePreference> NoticePreferences => Set<Features.Notices.NoticePreference>();
    public DbSet<Features.Notices.NoticePush> NoticePushes => Set<Features.Notices.NoticePush>();
    public DbSet<Features.Calendar.CalendarEntry> CalendarEntries => Set<Features.Calendar.CalendarEntry>();
    public DbSet<Features.Milestones.ProjectMonthlyPlan> ProjectMonthlyPlans => Set<Features.Milestones.ProjectMonthlyPlan>();
    public DbSet<Features.Milestones.Milestone> Milestones => Set<Features.Milestones.Milestone>();
    public DbSet<Features.Milestones.MilestoneChange> MilestoneChanges => Set<Features.Milestones.MilestoneChange>();
    public DbSet<Features.Daily.DailyPost> DailyPosts => Set<Features.Daily.DailyPost>();
    public DbSet<Features.Visits.Visit> Visits => Set<Features.Visits.Visit>();
    public DbSet<Features.Photos.Photo> Photos => Set<Features.Photos.Photo>();
    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    /// <summary>The counted tables this context's transaction wrote and the change numbers it took (ChangeGuard checks them).</summary>
    internal Infrastructure.Changes.ChangeLedger ChangeLedger { get; } = new();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Money is decimal 万元. SQLite has no decimal type and cannot sort or sum decimals stored as text,
        // so there it is stored as whole 1/10000 万元 (one yuan) in an INTEGER; PostgreSQL keeps numeric(18,4).
        if (Database.IsSqlite())
            configuration.Properties<decimal>().HaveConversion<SqliteMoneyConverter>();
        else
            configuration.Properties<decimal>().HavePrecision(18, 4).HaveConversion<TrimmedDecimalConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Every IEntityTypeConfiguration in this assembly: a feature adds its tables in its own folder.
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
