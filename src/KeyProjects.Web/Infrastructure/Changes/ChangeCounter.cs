using System.Data.Common;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Infrastructure.Changes;

/// <summary>
/// The change counters (docs/decisions/016-change-numbers.md): each counts the writes to a family of tables that every
/// server holds in memory (<see cref="CountedTables"/>), so that a server compares the numbers with what it holds and
/// reads only what changed.
/// </summary>
public enum Counter
{
    /// <summary>Projects with their year plans, lists and team (column RegistryChanges.ProjectSeq); rows carry their number.</summary>
    Projects,

    /// <summary>The organisation tree, and the working calendar with it (RegistryChanges.OrgSeq): read whole when it moves.</summary>
    Organisations,

    /// <summary>Approved report revisions and monthly plans (RegistryChanges.ProgressSeq); rows carry their number.</summary>
    Progress,

    /// <summary>Problems (ProblemChanges.Seq): the problems written under a number are logged in ProblemChangeLog.</summary>
    Problems,
}

/// <summary>Every counter as committed when read (one query), and the problems' log horizon read with them.</summary>
public readonly record struct ChangeNumbers(long Projects, long Organisations, long Progress, long Problems, long ProblemLogPrunedThrough)
{
    public long this[Counter counter] => counter switch
    {
        Counter.Projects => Projects,
        Counter.Organisations => Organisations,
        Counter.Progress => Progress,
        _ => Problems,
    };
}

/// <summary>
/// The one place change numbers are taken and read. A writer takes the next number of a counter inside its transaction
/// (<see cref="NextAsync(AppDbContext, Counter, int, CancellationToken)"/>; for problems <see cref="StampProblemsAsync"/>, last before the commit): the counter row stays
/// locked until the commit, so writers commit in number order and a reader that saw number N has seen every write up to
/// N. The save guard (<see cref="ChangeGuard"/>) refuses a transaction that writes a counted table without its number.
/// </summary>
public static class ChangeCounter
{
    /// <summary>
    /// Reserves <paramref name="count"/> numbers of a counter in the writer's transaction and returns the last (the first
    /// is last − count + 1). Rows that carry their number (projects, revisions, plans) are stamped with them.
    /// </summary>
    public static async Task<long> NextAsync(AppDbContext db, Counter counter, int count, CancellationToken ct)
    {
        if (counter == Counter.Problems) throw new ArgumentException("Problems are stamped with StampProblemsAsync, which logs them.", nameof(counter));
        var (table, column) = counter switch
        {
            Counter.Projects => ("RegistryChanges", "ProjectSeq"),
            Counter.Organisations => ("RegistryChanges", "OrgSeq"),
            _ => ("RegistryChanges", "ProgressSeq"),
        };
        var seq = await BumpAsync(db, table, column, count, ct);
        db.ChangeLedger.Took(db.Database.CurrentTransaction!.TransactionId, counter);
        return seq;
    }

    public static Task<long> NextAsync(AppDbContext db, Counter counter, CancellationToken ct) => NextAsync(db, counter, 1, ct);

    /// <summary>
    /// Takes the next problem number and logs the given problems under it: call it last in the transaction, just before
    /// the commit (the row is then locked for one statement and the commit). On PostgreSQL one statement.
    /// </summary>
    public static async Task StampProblemsAsync(AppDbContext db, IReadOnlyCollection<long> problemIds, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Problems are stamped inside the writer's transaction.");
        var ids = problemIds.Distinct().ToArray();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(
                "WITH c AS (UPDATE \"ProblemChanges\" SET \"Seq\" = \"Seq\" + 1 WHERE \"Id\" = 1 RETURNING \"Seq\") " +
                "INSERT INTO \"ProblemChangeLog\" (\"Seq\", \"ProblemId\") SELECT c.\"Seq\", i FROM c, unnest({0}) AS i", [ids], ct);
        else
        {
            var seq = await BumpAsync(db, "ProblemChanges", "Seq", 1, ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ProblemChangeLog\" (\"Seq\", \"ProblemId\") SELECT {0}, value FROM json_each({1})",
                [seq, System.Text.Json.JsonSerializer.Serialize(ids)], ct);
        }
        db.ChangeLedger.Took(tx.TransactionId, Counter.Problems);
    }

    /// <summary>Every counter as committed now, in one single-row query (in the caller's transaction, if any).</summary>
    public static async Task<ChangeNumbers> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened) await conn.OpenAsync(ct);
        try
        {
            // A plain command: every request sends it, and EF's query pipeline would cost more than the query.
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = "SELECT r.\"ProjectSeq\", r.\"OrgSeq\", r.\"ProgressSeq\", p.\"Seq\", p.\"PrunedThrough\" " +
                "FROM \"RegistryChanges\" AS r CROSS JOIN \"ProblemChanges\" AS p WHERE r.\"Id\" = 1 AND p.\"Id\" = 1";
            await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new ChangeNumbers(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))
                : default;
        }
        finally
        {
            if (opened) await conn.CloseAsync();
        }
    }

    /// <summary>
    /// Keeps the problems' change log from growing without end, in two steps so that no server is caught reading what is
    /// being deleted: deletes the rows up to the horizon the previous run announced (every server has seen that
    /// announcement with the counter before reading the log), then announces a new one, <paramref name="keep"/> numbers
    /// behind the counter. Runs with the escalation sweep (one server at a time, minutes apart). Returns the rows deleted.
    /// </summary>
    public static async Task<int> PruneProblemLogAsync(AppDbContext db, long keep, CancellationToken ct)
    {
        await using var tx = await db.UnitOfWorkAsync(ct, savepoints: false);
        var numbers = await ReadAsync(db, ct);
        var announced = numbers.ProblemLogPrunedThrough;
        var deleted = announced > 0 ? await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ProblemChangeLog\" WHERE \"Seq\" <= {0}", [announced], ct) : 0;
        var next = numbers.Problems - keep;
        if (next > announced)
            await db.Database.ExecuteSqlRawAsync("UPDATE \"ProblemChanges\" SET \"PrunedThrough\" = {0} WHERE \"Id\" = 1 AND \"PrunedThrough\" < {0}", [next], ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>Adds <paramref name="count"/> to a counter row's column inside the writer's transaction and returns the new value.</summary>
    private static async Task<long> BumpAsync(AppDbContext db, string table, string column, int count, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Change numbers are taken inside the writer's transaction.");
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = \"{column}\" + {count.ToString(System.Globalization.CultureInfo.InvariantCulture)} WHERE \"Id\" = 1 RETURNING \"{column}\"";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
