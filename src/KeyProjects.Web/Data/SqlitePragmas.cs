using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyProjects.Web.Data;

/// <summary>
/// Per-connection SQLite settings: synchronous=NORMAL (safe with WAL: a power cut loses at most the last commits, never
/// corrupts the file; each commit then costs no fsync, which is what lets a county's reports arrive hundreds a second)
/// and a busy timeout so that writers queue behind each other instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
