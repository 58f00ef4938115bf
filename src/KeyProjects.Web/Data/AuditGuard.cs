using KeyProjects.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyProjects.Web.Data;

/// <summary>
/// Refuses a save that changes audited business data without writing an audit entry with it. This turns a forgotten
/// audit in a future feature into a failing test instead of a silent gap. (Change numbers: Infrastructure/Changes/ChangeGuard.)
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
        var changed = entries.Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.GetType().Name).Distinct().ToList();
        if (changed.Count == 0) return;
        // Modified: a record that gets its key from the database is audited in two steps of one transaction.
        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Added or EntityState.Modified)) return;
        throw new InvalidOperationException($"Unaudited change to {string.Join(", ", changed)}: write an AuditEntry in the same save.");
    }
}
