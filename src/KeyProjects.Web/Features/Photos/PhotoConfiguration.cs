using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Photos;

public sealed class PhotoConfiguration : IEntityTypeConfiguration<Photo>
{
    public void Configure(EntityTypeBuilder<Photo> b)
    {
        b.ToTable("Photos");
        b.Property(p => p.ContentType).HasMaxLength(40).IsRequired();
        b.Property(p => p.ThumbnailContentType).HasMaxLength(40);
        b.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(p => p.UploadedById).HasMaxLength(450).IsRequired();
        b.Property(p => p.UploadedByName).HasMaxLength(256).IsRequired();
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.OwnerKind, p.OwnerId });
        b.HasIndex(p => p.ProjectId);
    }
}
