using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Milestones;

public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ToTable("Milestones");
        b.Property(m => m.Name).HasMaxLength(MilestoneRules.MaxNameLength).IsRequired();
        b.Property(m => m.Owner).HasMaxLength(MilestoneRules.MaxOwnerLength);
        b.Property(m => m.Note).HasMaxLength(MilestoneRules.MaxNoteLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.ProjectId, m.SortOrder });
        // Overdue nodes across a region are found by date; the string form of DateOnly sorts on SQLite too.
        b.HasIndex(m => new { m.PlannedDate, m.ActualDate });
        b.HasMany(m => m.Changes).WithOne().HasForeignKey(c => c.MilestoneId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MilestoneChangeConfiguration : IEntityTypeConfiguration<MilestoneChange>
{
    public void Configure(EntityTypeBuilder<MilestoneChange> b)
    {
        b.ToTable("MilestoneChanges");
        b.Property(c => c.Note).HasMaxLength(MilestoneRules.MaxNoteLength);
        b.Property(c => c.UserId).HasMaxLength(64).IsRequired();
        b.Property(c => c.UserName).HasMaxLength(100).IsRequired();
        b.HasIndex(c => new { c.ProjectId, c.Id });
    }
}

public sealed class ProjectMonthlyPlanConfiguration : IEntityTypeConfiguration<ProjectMonthlyPlan>
{
    public void Configure(EntityTypeBuilder<ProjectMonthlyPlan> b)
    {
        b.ToTable("ProjectMonthlyPlans");
        b.HasKey(p => new { p.ProjectId, p.Year, p.Month });
        b.Property(p => p.ChangeSeq).IsConcurrencyToken();
        b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // The metrics index reads what changed since the change number it holds.
        b.HasIndex(p => p.ChangeSeq);
        b.HasIndex(p => new { p.Year, p.ProjectId });
    }
}
