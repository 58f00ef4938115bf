using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Data;

/// <summary>
/// A use case's transaction: its own when the caller has none, or the caller's (a seeder or generator that writes many
/// things in one transaction), in which case committing is left to the caller.
/// </summary>
public sealed class UnitOfWork(IDbContextTransaction? own, SemaphoreSlim? gate, DatabaseFacade? restoreSavepoints = null) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (own is not null) await own.DisposeAsync();
        }
        finally
        {
            if (restoreSavepoints is not null) restoreSavepoints.AutoSavepointsEnabled = true;
            gate?.Release();
        }
    }
}

public static class TransactionExtensions
{
    /// <summary>
    /// SQLite has one writer at a time and makes the others wait in its busy handler, which sleeps between retries (a
    /// queue of 30 writers then waits hundreds of milliseconds). Writers of one database file queue here instead, in
    /// order, and each starts the moment the one before commits. PostgreSQL needs no gate.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    /// <remarks>
    /// <paramref name="savepoints"/> false: EF does not wrap each SaveChanges of the transaction in a savepoint (two more
    /// round trips a save on PostgreSQL). For a use case that never goes on after a failed save, which then ends the whole
    /// transaction: the savepoint would only let it continue. Does not apply to a caller's transaction.
    /// </remarks>
    public static async Task<UnitOfWork> UnitOfWorkAsync(this AppDbContext db, CancellationToken ct, bool savepoints = true)
    {
        if (db.Database.CurrentTransaction is not null) return new UnitOfWork(null, null);
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            gate = SqliteWriters.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct);
        }
        try
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            if (savepoints) return new UnitOfWork(tx, gate);
            db.Database.AutoSavepointsEnabled = false;
            return new UnitOfWork(tx, gate, db.Database);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}
