using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Users;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        b.HasOne(u => u.Org).WithMany().HasForeignKey(u => u.OrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.OrgId);
    }
}
