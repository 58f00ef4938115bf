using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Data;

public static class DatabaseErrors
{
    /// <summary>A unique index refused the write (SQLite constraint 2067/1555, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
