using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Meetings;

public sealed class MeetingSeriesConfiguration : IEntityTypeConfiguration<MeetingSeries>
{
    public void Configure(EntityTypeBuilder<MeetingSeries> b)
    {
        b.ToTable("MeetingSeries");
        b.Property(s => s.Name).HasMaxLength(MeetingRules.NameMaxLength).IsRequired();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.OrgId);
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("Meetings");
        b.Property(m => m.Title).HasMaxLength(MeetingRules.TitleMaxLength).IsRequired();
        b.Property(m => m.Attendees).HasMaxLength(MeetingRules.AttendeesMaxLength);
        b.Property(m => m.DeepDiveProjectIds).HasMaxLength(100);
        b.Property(m => m.CreatedByName).HasMaxLength(256).IsRequired();
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<MeetingSeries>().WithMany().HasForeignKey(m => m.SeriesId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrgId).OnDelete(DeleteBehavior.Restrict);
        // One meeting per series and date, whichever server creates it first (ad hoc meetings have no series: NULLs differ).
        b.HasIndex(m => new { m.SeriesId, m.Date }).IsUnique();
        b.HasIndex(m => new { m.OrgId, m.Date });
    }
}

public sealed class MeetingTaskConfiguration : IEntityTypeConfiguration<MeetingTask>
{
    public void Configure(EntityTypeBuilder<MeetingTask> b)
    {
        b.ToTable("MeetingTasks");
        b.Property(t => t.Title).HasMaxLength(MeetingRules.TitleMaxLength).IsRequired();
        b.Property(t => t.OwnerName).HasMaxLength(MeetingRules.OwnerNameMaxLength);
        b.Property(t => t.Report).HasMaxLength(MeetingRules.TextMaxLength);
        b.Property(t => t.ReportedByName).HasMaxLength(256);
        b.Property(t => t.VerifiedByName).HasMaxLength(256);
        b.Property(t => t.CreatedByName).HasMaxLength(256).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Meeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.MeetingId);
        // Task lists and the reminder sweep read open tasks by deadline.
        b.HasIndex(t => new { t.Status, t.Deadline });
        b.HasIndex(t => t.OwnerOrgId);
    }
}
