using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Data;

/// <summary>
/// A use case's transaction: its own when the caller has none, or the caller's (a seeder or generator that writes many
/// things in one transaction), in which case committing is left to the caller.
/// </summary>
public sealed class UnitOfWork(IDbContextTransaction? own) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class TransactionExtensions
{
    public static async Task<UnitOfWork> UnitOfWorkAsync(this AppDbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);
}
