using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Organisations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("Organisations");
        b.Property(o => o.Name).HasMaxLength(100).IsRequired();
        b.Property(o => o.DivisionCode).HasMaxLength(12);
        b.Property(o => o.Path).HasMaxLength(400).IsRequired();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => o.Path).IsUnique();
        b.HasIndex(o => new { o.ParentId, o.Name }).IsUnique();
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PeerGroupConfiguration : IEntityTypeConfiguration<PeerGroup>
{
    public void Configure(EntityTypeBuilder<PeerGroup> b)
    {
        b.ToTable("PeerGroups");
        b.Property(g => g.Name).HasMaxLength(100).IsRequired();
        b.Property(g => g.Version).IsConcurrencyToken();
        b.HasIndex(g => new { g.OwnerOrgId, g.Name }).IsUnique();
        b.HasOne(g => g.OwnerOrg).WithMany().HasForeignKey(g => g.OwnerOrgId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.PeerGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PeerGroupMemberConfiguration : IEntityTypeConfiguration<PeerGroupMember>
{
    public void Configure(EntityTypeBuilder<PeerGroupMember> b)
    {
        b.ToTable("PeerGroupMembers");
        b.HasKey(m => new { m.PeerGroupId, m.OrgId });
        b.HasOne(m => m.Org).WithMany().HasForeignKey(m => m.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}
