using KeyProjects.Domain.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Problems;

public sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.ToTable("Problems");
        b.Property(p => p.Title).HasMaxLength(ProblemWorkflow.TitleMaxLength).IsRequired();
        b.Property(p => p.Description).HasMaxLength(ProblemWorkflow.TextMaxLength);
        b.Property(p => p.Answer).HasMaxLength(ProblemWorkflow.TextMaxLength);
        b.Property(p => p.RaisedById).HasMaxLength(450).IsRequired();
        b.Property(p => p.RaisedByName).HasMaxLength(256).IsRequired();
        b.Property(p => p.AnsweredByName).HasMaxLength(256);
        b.Property(p => p.VerifiedByName).HasMaxLength(256);
        b.Property(p => p.CooperatingOrgIds).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.ProblemId).OnDelete(DeleteBehavior.Cascade);
        // The sweep reads open problems by deadline; lists read a subtree's problems by status; a project page its own.
        b.HasIndex(p => new { p.Status, p.Deadline });
        // A subtree's overdue list in 办理时限 order, its page of ids read from this index alone (Id is the tie-break).
        b.HasIndex(p => new { p.OrgId, p.Status, p.DueOn, p.Id });
        b.HasIndex(p => new { p.Status, p.DueOn });
        b.HasIndex(p => p.ProjectId);
        b.HasIndex(p => p.DepartmentOrgId);
        b.HasIndex(p => p.MeetingId);
        b.HasIndex(p => p.RaisedOn);
    }
}

public sealed class ProblemStepConfiguration : IEntityTypeConfiguration<ProblemStep>
{
    public void Configure(EntityTypeBuilder<ProblemStep> b)
    {
        b.ToTable("ProblemSteps");
        b.Property(s => s.Note).HasMaxLength(ProblemWorkflow.TextMaxLength);
        b.Property(s => s.ActorId).HasMaxLength(450).IsRequired();
        b.Property(s => s.ActorName).HasMaxLength(256).IsRequired();
        b.HasIndex(s => s.ProblemId);
    }
}
