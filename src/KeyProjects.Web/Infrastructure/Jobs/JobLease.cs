using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Infrastructure.Jobs;

/// <summary>
/// A named lease in the database, so that of several app servers only one runs a job at a time. A holder that dies
/// loses the lease when it expires.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
}

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.Holder).HasMaxLength(200);
    }
}

public static class JobLeases
{
    /// <summary>This process's name as a holder.</summary>
    public static readonly string Me = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes the lease if it is free, expired or already ours; true when the caller holds it now.</summary>
    public static async Task<bool> TryTakeAsync(AppDbContext db, string name, string holder, DateTime nowUtc, TimeSpan length, CancellationToken ct)
    {
        if (!await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            db.Add(new JobLease { Name = name, Holder = "", ExpiresAtUtc = DateTime.MinValue });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e)) { }
            finally { db.ChangeTracker.Clear(); }
        }
        var until = nowUtc + length;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.ExpiresAtUtc < nowUtc || l.Holder == holder))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), ct);
        return taken == 1;
    }

    public static Task ReleaseAsync(AppDbContext db, string name, string holder, CancellationToken ct) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAtUtc, DateTime.MinValue), ct);
}
