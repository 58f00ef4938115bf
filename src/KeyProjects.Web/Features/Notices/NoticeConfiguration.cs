using KeyProjects.Domain.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Notices;

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("Notices");
        b.Property(n => n.RecipientId).HasMaxLength(450).IsRequired();
        b.Property(n => n.Args).HasMaxLength(4000).IsRequired();
        b.Property(n => n.Link).HasMaxLength(NoticeRules.MaxLinkLength).IsRequired();
        b.Property(n => n.DedupeKey).HasMaxLength(NoticeRules.MaxDedupeKeyLength).IsRequired();
        b.Property(n => n.EmailClaim).HasMaxLength(64);
        b.HasOne<Users.AppUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The idempotence of NotifyAsync rests on this index (INSERT … ON CONFLICT DO NOTHING).
        b.HasIndex(n => new { n.RecipientId, n.DedupeKey }).IsUnique();
        // The inbox and the unread badge: a user's notices, unread first.
        b.HasIndex(n => new { n.RecipientId, n.ReadAtUtc });
        b.HasIndex(n => n.EmailedAtUtc);
        b.HasIndex(n => n.PushedAtUtc);
    }
}

public sealed class NoticePushConfiguration : IEntityTypeConfiguration<NoticePush>
{
    public void Configure(EntityTypeBuilder<NoticePush> b)
    {
        b.ToTable("NoticePushes");
        b.Property(p => p.Target).HasMaxLength(500).IsRequired();
        b.Property(p => p.DedupeKey).HasMaxLength(NoticeRules.MaxDedupeKeyLength).IsRequired();
        b.Property(p => p.Args).HasMaxLength(4000).IsRequired();
        b.Property(p => p.Link).HasMaxLength(NoticeRules.MaxLinkLength).IsRequired();
        b.Property(p => p.Claim).HasMaxLength(64);
        // One message per item and target however many recipients and servers fan the notice out (ON CONFLICT DO NOTHING).
        b.HasIndex(p => new { p.Target, p.DedupeKey }).IsUnique();
        b.HasIndex(p => new { p.SentAtUtc, p.Target });
    }
}

public sealed class NoticePreferenceConfiguration : IEntityTypeConfiguration<NoticePreference>
{
    public void Configure(EntityTypeBuilder<NoticePreference> b)
    {
        b.ToTable("NoticePreferences");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasOne<Users.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
