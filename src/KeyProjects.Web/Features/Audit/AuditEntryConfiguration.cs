using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Audit;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.UserId).HasMaxLength(64).IsRequired();
        b.Property(a => a.UserName).HasMaxLength(100).IsRequired();
        b.Property(a => a.RemoteAddress).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(40).IsRequired();
        b.Property(a => a.EntityKey).HasMaxLength(100).IsRequired();
        b.Property(a => a.OrgPath).HasMaxLength(400).IsRequired();
        b.Property(a => a.Channel).HasMaxLength(20).IsRequired();
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.Changes).IsRequired();
        b.HasIndex(a => new { a.EntityType, a.EntityKey, a.Id });
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.OrgPath, a.Id });
    }
}
