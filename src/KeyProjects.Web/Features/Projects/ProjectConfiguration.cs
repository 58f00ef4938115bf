using KeyProjects.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Projects;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("Projects");
        b.Property(p => p.Code).HasMaxLength(ProjectCode.MaxLength).IsRequired();
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(ProjectRules.MaxNameLength).IsRequired();
        b.Property(p => p.Content).HasMaxLength(ProjectRules.MaxTextLength);
        b.Property(p => p.Location).HasMaxLength(ProjectRules.MaxNameLength);
        b.Property(p => p.UnitName).HasMaxLength(ProjectRules.MaxShortTextLength);
        b.Property(p => p.ResponsibleUnit).HasMaxLength(ProjectRules.MaxShortTextLength);
        b.Property(p => p.ContactName).HasMaxLength(50);
        b.Property(p => p.ContactPhone).HasMaxLength(20);
        b.Property(p => p.Remarks).HasMaxLength(ProjectRules.MaxTextLength);
        b.Property(p => p.RetiredReason).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();

        b.HasOne(p => p.Org).WithMany().HasForeignKey(p => p.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.UnitOrg).WithMany().HasForeignKey(p => p.UnitOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.ResponsibleOrg).WithMany().HasForeignKey(p => p.ResponsibleOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OrgId, p.IsRetired });
        b.HasIndex(p => p.Name);
        b.HasIndex(p => p.ChangeSeq);

        b.HasMany(p => p.YearPlans).WithOne().HasForeignKey(y => y.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Lists).WithOne().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Team).WithOne().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProjectYearPlanConfiguration : IEntityTypeConfiguration<ProjectYearPlan>
{
    public void Configure(EntityTypeBuilder<ProjectYearPlan> b)
    {
        b.ToTable("ProjectYearPlans");
        b.HasIndex(y => new { y.ProjectId, y.Year }).IsUnique();
        b.HasIndex(y => new { y.Year, y.ProjectId });
    }
}

public sealed class ProjectListMembershipConfiguration : IEntityTypeConfiguration<ProjectListMembership>
{
    public void Configure(EntityTypeBuilder<ProjectListMembership> b)
    {
        b.ToTable("ProjectLists");
        b.HasIndex(l => new { l.ProjectId, l.List }).IsUnique();
        b.HasIndex(l => new { l.List, l.ProjectId });
    }
}

public sealed class ProjectTeamMemberConfiguration : IEntityTypeConfiguration<ProjectTeamMember>
{
    public void Configure(EntityTypeBuilder<ProjectTeamMember> b)
    {
        b.ToTable("ProjectTeam");
        b.Property(t => t.Name).HasMaxLength(50).IsRequired();
        b.Property(t => t.Title).HasMaxLength(50);
        b.Property(t => t.Phone).HasMaxLength(20);
        b.HasIndex(t => new { t.ProjectId, t.Role });
    }
}
