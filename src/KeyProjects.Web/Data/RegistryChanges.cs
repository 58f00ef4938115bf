using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Data;

/// <summary>
/// The registry's and the progress metrics' change counters, one row (taken and read through
/// <see cref="Infrastructure.Changes.ChangeCounter"/>; who writes and reads each: docs/decisions/016-change-numbers.md).
/// </summary>
public sealed class RegistryChanges
{
    public int Id { get; set; }

    /// <summary>Counter.Projects: projects with their year plans, lists and team; each project carries its number (ChangeSeq).</summary>
    public long ProjectSeq { get; set; }

    /// <summary>Counter.Organisations: the organisation tree and the working calendar.</summary>
    public long OrgSeq { get; set; }

    /// <summary>Counter.Progress: approved report revisions and monthly plans, each row carrying its number (ChangeSeq).</summary>
    public long ProgressSeq { get; set; }
}

public sealed class RegistryChangesConfiguration : IEntityTypeConfiguration<RegistryChanges>
{
    public void Configure(EntityTypeBuilder<RegistryChanges> b)
    {
        b.ToTable("RegistryChanges");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasData(new RegistryChanges { Id = 1, ProjectSeq = 0, OrgSeq = 0, ProgressSeq = 0 });
    }
}
