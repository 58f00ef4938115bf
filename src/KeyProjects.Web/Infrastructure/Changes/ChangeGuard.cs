using System.Data.Common;
using System.Text.RegularExpressions;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyProjects.Web.Infrastructure.Changes;

/// <summary>
/// Refuses a write to a counted table (<see cref="CountedTables"/>) that does not take its counter's number in the same
/// transaction, so that a forgotten number fails a test instead of leaving other servers' copies stale. Every path is
/// watched: a save (rows that carry their number must carry one taken before the save), a command (ExecuteUpdate,
/// ExecuteDelete, raw SQL), and <see cref="BulkWriter"/>, which calls <see cref="Writing"/>; a transaction that wrote a
/// counted table is refused at its commit until it has taken the number.
/// </summary>
public sealed partial class ChangeGuard : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static string NumberName(Counter counter) => counter switch
    {
        Counter.Projects => "registry change number",
        Counter.Organisations => "organisation tree change number",
        Counter.Progress => "progress change number",
        _ => "problem change number",
    };

    private static string HowToTake(Counter counter) => counter == Counter.Problems
        ? "call ChangeCounter.StampProblemsAsync with the problems written, last in the same transaction"
        : $"call ChangeCounter.NextAsync(db, Counter.{counter}) in the same transaction";

    // ---- saves

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CheckSave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CheckSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void CheckSave(DbContext? context)
    {
        if (context is not AppDbContext db) return;
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (!CountedTables.ByType.TryGetValue(e.Metadata.ClrType, out var counter)) continue;
            var name = e.Metadata.ClrType.Name;
            var tx = db.Database.CurrentTransaction
                ?? throw new InvalidOperationException($"A {name} is written without a {NumberName(counter)} (outside a transaction): {HowToTake(counter)}.");
            if (CountedTables.NumberedBeforeSave(counter))
            {
                if (!db.ChangeLedger.HasTaken(tx.TransactionId, counter) || !CarriesNumber(e))
                    throw new InvalidOperationException($"A {name} is written without a {NumberName(counter)}: {HowToTake(counter)} and stamp the rows written with it.");
            }
            db.ChangeLedger.Owes(tx.TransactionId, counter);
        }
    }

    /// <summary>A row with a number of its own is stamped when added and restamped when changed.</summary>
    private static bool CarriesNumber(EntityEntry e)
    {
        if (e.State == EntityState.Deleted || e.Metadata.FindProperty(CountedTables.RowNumber) is not { } p) return true;
        var number = e.Property(p.Name);
        return e.State == EntityState.Added ? number.CurrentValue is long n && n > 0 : number.IsModified;
    }

    // ---- commands: ExecuteUpdate, ExecuteDelete, raw SQL (a save's own commands too, already counted above)

    [GeneratedRegex("(?:INSERT INTO|UPDATE|DELETE FROM)\\s+\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex WrittenTable();

    private static void CheckCommand(DbCommand command, CommandEventData data)
    {
        if (data.Context is not AppDbContext db) return;
        var text = command.CommandText;
        if (!text.Contains("INSERT", StringComparison.Ordinal) && !text.Contains("UPDATE", StringComparison.Ordinal) && !text.Contains("DELETE", StringComparison.Ordinal)) return;
        foreach (Match m in WrittenTable().Matches(text)) Writing(db, m.Groups[1].Value);
    }

    /// <summary>A write to a table is about to be sent (by a command or <see cref="BulkWriter"/>): if it is counted, the transaction owes its number.</summary>
    public static void Writing(AppDbContext db, string table)
    {
        if (!CountedTables.ByTable(db.Model).TryGetValue(table, out var counter)) return;
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException($"\"{table}\" is written without a {NumberName(counter)} (outside a transaction): {HowToTake(counter)}.");
        db.ChangeLedger.Owes(tx.TransactionId, counter);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        CheckCommand(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        CheckCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        CheckCommand(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        CheckCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        CheckCommand(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        CheckCommand(command, eventData);
        return ValueTask.FromResult(result);
    }

    // ---- the commit

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        CheckCommit(eventData);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        CheckCommit(eventData);
        return ValueTask.FromResult(result);
    }

    private static void CheckCommit(TransactionEventData data)
    {
        if (data.Context is not AppDbContext db) return;
        var unpaid = db.ChangeLedger.Unpaid(data.TransactionId);
        if (unpaid.Count == 0) return;
        throw new InvalidOperationException("The transaction wrote counted tables without their change numbers: "
            + string.Join("; ", unpaid.Select(c => $"no {NumberName(c)} ({HowToTake(c)})")) + ".");
    }
}
