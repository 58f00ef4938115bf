using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Data;

/// <summary>
/// The registry's change counters, one row: every write to projects takes the next <see cref="ProjectSeq"/> numbers and
/// stamps the projects it writes with them (<c>Project.ChangeSeq</c>); every change to the organisation tree bumps
/// <see cref="OrgSeq"/>. Each server's in-memory list (ProjectIndex) compares the counters with what it holds and reads
/// only what changed. The counter row is updated inside the writer's transaction, so writers take numbers in the order
/// they commit and a reader never skips a change.
/// </summary>
public sealed class RegistryChanges
{
    public int Id { get; set; }
    public long ProjectSeq { get; set; }
    public long OrgSeq { get; set; }

    /// <summary>Investment progress: every write to reports, their revisions, period closures and monthly plans takes the
    /// next number and stamps the rows it writes (their ChangeSeq), so each server's ProgressIndex reads only what changed.</summary>
    public long ProgressSeq { get; set; }

    /// <summary>Reserves <paramref name="count"/> project change numbers and returns the last; the first is last − count + 1.</summary>
    public static Task<long> NextProjectSeqAsync(AppDbContext db, int count, CancellationToken ct) =>
        BumpAsync(db, "ProjectSeq", count, ct);

    public static Task<long> NextOrgSeqAsync(AppDbContext db, CancellationToken ct) => BumpAsync(db, "OrgSeq", 1, ct);

    /// <summary>Reserves <paramref name="count"/> progress change numbers and returns the last.</summary>
    public static Task<long> NextProgressSeqAsync(AppDbContext db, int count, CancellationToken ct) =>
        BumpAsync(db, "ProgressSeq", count, ct);

    private static Task<long> BumpAsync(AppDbContext db, string column, int count, CancellationToken ct) =>
        BumpAsync(db, "RegistryChanges", column, count, ct);

    /// <summary>Adds <paramref name="count"/> to a counter row's column inside the writer's transaction and returns the new value.</summary>
    internal static async Task<long> BumpAsync(AppDbContext db, string table, string column, int count, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Change numbers are taken inside the writer's transaction.");
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = \"{column}\" + {count} WHERE \"Id\" = 1 RETURNING \"{column}\"";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The counters as committed now.</summary>
    public static Task<(long Projects, long Orgs, long Progress)> ReadAsync(AppDbContext db, CancellationToken ct) =>
        ReadRowAsync(db, "SELECT \"ProjectSeq\", \"OrgSeq\", \"ProgressSeq\" FROM \"RegistryChanges\" WHERE \"Id\" = 1",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), (0L, 0L, 0L), ct);

    /// <summary>One row of a counter table, read with a plain command (in the caller's transaction, if any): every request reads one.</summary>
    internal static async Task<T> ReadRowAsync<T>(AppDbContext db, string sql, Func<DbDataReader, T> read, T none, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened) await conn.OpenAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = sql;
            await using DbDataReader reader = await cmd.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? read(reader) : none;
        }
        finally
        {
            if (opened) await conn.CloseAsync();
        }
    }
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
