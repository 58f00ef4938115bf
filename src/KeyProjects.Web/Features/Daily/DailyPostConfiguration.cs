using KeyProjects.Domain.Daily;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Daily;

public sealed class DailyPostConfiguration : IEntityTypeConfiguration<DailyPost>
{
    public void Configure(EntityTypeBuilder<DailyPost> b)
    {
        b.ToTable("DailyPosts");
        b.Property(p => p.Text).HasMaxLength(DailyPostRules.MaxTextLength).IsRequired();
        b.Property(p => p.AuthorId).HasMaxLength(450).IsRequired();
        b.Property(p => p.AuthorName).HasMaxLength(256).IsRequired();
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // The timeline of a project and the 缺报 count of a month both read by project and date.
        b.HasIndex(p => new { p.ProjectId, p.Date });
        b.HasIndex(p => p.Date);
    }
}
