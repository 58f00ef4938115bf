using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Data;

/// <summary>
/// A use case's transaction: its own when the caller has none, or the caller's (a seeder or generator that writes many
/// things in one transaction), in which case committing is left to the caller.
/// </summary>
public sealed class UnitOfWork(IDbContextTransaction? own, SemaphoreSlim? gate) : IAsyncDisposable
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

    public static async Task<UnitOfWork> UnitOfWorkAsync(this AppDbContext db, CancellationToken ct)
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
            return new UnitOfWork(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}
