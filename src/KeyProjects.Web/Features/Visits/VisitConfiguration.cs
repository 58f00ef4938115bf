using KeyProjects.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Visits;

public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("Visits");
        b.Property(v => v.LeaderName).HasMaxLength(VisitRules.MaxLeaderNameLength).IsRequired();
        b.Property(v => v.Findings).HasMaxLength(VisitRules.MaxFindingsLength).IsRequired();
        // A JSON array on SQLite, text[] on PostgreSQL: a handful of short lines read with the visit, never queried.
        b.PrimitiveCollection(v => v.Problems).IsRequired();
        b.Property(v => v.RecordedById).HasMaxLength(450).IsRequired();
        b.Property(v => v.RecordedByName).HasMaxLength(256).IsRequired();
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // A month's list and compliance read by date; a project's visits by project and date.
        b.HasIndex(v => v.Date);
        b.HasIndex(v => new { v.ProjectId, v.Date });
    }
}
