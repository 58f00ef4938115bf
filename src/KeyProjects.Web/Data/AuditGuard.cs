using KeyProjects.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Problems = KeyProjects.Web.Features.Problems;
using Projects = KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Data;

/// <summary>
/// Refuses a save that changes audited business data without writing an audit entry with it, or that writes a
/// project or a problem without a change number (the in-memory lists would miss it). This turns a forgotten audit or
/// change number in a future feature into a failing test instead of a silent gap.
/// </summary>
public sealed class AuditGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        var entries = context.ChangeTracker.Entries().ToList();
        foreach (var e in entries.Where(e => e.Entity is Projects.Project && e.State is EntityState.Added or EntityState.Modified))
        {
            var numbered = e.State == EntityState.Added ? ((Projects.Project)e.Entity).ChangeSeq > 0 : e.Property(nameof(Projects.Project.ChangeSeq)).IsModified;
            if (!numbered) throw new InvalidOperationException("A project is written without a registry change number: call RegistryChanges.NextProjectSeqAsync in the same transaction.");
        }
        if (entries.Any(e => e.Entity is Problems.Problem && e.State is EntityState.Added or EntityState.Modified)
            && context is Data.AppDbContext { ProblemsStampedAtCommit: false })
            throw new InvalidOperationException("A problem is written without a change number: call ProblemChanges.WillStamp, then ProblemChanges.StampAsync before the commit.");
        var changed = entries.Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.GetType().Name).Distinct().ToList();
        if (changed.Count == 0) return;
        // Modified: a record that gets its key from the database is audited in two steps of one transaction.
        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Added or EntityState.Modified)) return;
        throw new InvalidOperationException($"Unaudited change to {string.Join(", ", changed)}: write an AuditEntry in the same save.");
    }
}
