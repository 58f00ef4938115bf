using KeyProjects.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>What a test's database holds when its app starts.</summary>
public enum DatabaseContent
{
    /// <summary>Nothing: the app's start applies every migration and seeds the places and the administrator itself.</summary>
    Empty,

    /// <summary>A copy of the run's template: migrated, with the places of the articles and the administrator.</summary>
    Seeded,

    /// <summary>A copy of the run's demo template: <see cref="Seeded"/> plus the demo data (the articles' ledgers).</summary>
    Demo,
}

/// <summary>
/// A database owned by one test: a SQLite file, or a PostgreSQL database on the server named by KP_TEST_POSTGRES (an
/// admin connection string; .ci/run starts that server). Without it the PostgreSQL tests skip — unless
/// KP_REQUIRE_POSTGRES=1, as in CI, where they fail instead.
/// <para>
/// Unless a test asks for an empty one, the database is a copy of a template that the run builds once per provider and
/// content (<see cref="DatabaseTemplates"/>): the app itself migrates and seeds the template, through its own start-up,
/// and the test's app then starts on the copy and runs the same start-up, which finds nothing to do.
/// </para>
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }

    /// <summary>Creates the database, empty or as a copy of the run's template for <paramref name="content"/>.</summary>
    public abstract Task CreateAsync(DatabaseContent content = DatabaseContent.Empty);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Turns this database, which an app has seeded and let go of, into the run's template called <paramref name="name"/>;
    /// returns what <see cref="CreateAsync"/> copies from and how to remove the template at the end of the run.
    /// </summary>
    internal abstract Task<(string Template, Func<Task> Remove)> SealAsTemplateAsync(string name);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kp-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    // Pooled: the app opens a connection for every unit of work; the pool goes with the test (DisposeAsync).
    public override string ConnectionString => $"Data Source={_file};Pooling=True";

    public override async Task CreateAsync(DatabaseContent content = DatabaseContent.Empty)
    {
        if (content == DatabaseContent.Empty) return;
        File.Copy(await DatabaseTemplates.GetAsync<SqliteTestDatabase>(content), _file);
    }

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(ConnectionString))
            SqliteConnection.ClearPool(connection);
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Copies the database into one self-contained file (the app keeps SQLite in WAL mode, so the seeded data may still
    /// sit in -wal), and deletes the database.
    /// </summary>
    internal override async Task<(string Template, Func<Task> Remove)> SealAsTemplateAsync(string name)
    {
        var template = Path.Combine(Path.GetTempPath(), name + ".db");
        await using (var connection = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", template);
            await vacuum.ExecuteNonQueryAsync();
        }
        await DisposeAsync();
        return (template, () =>
        {
            File.Delete(template);
            return Task.CompletedTask;
        });
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = $"kp_test_{Guid.NewGuid():N}";
    private string? _admin;

    public override string Provider => "Postgres";

    // Pooled, as in production; the test's pools are cleared and its database dropped WITH (FORCE) in DisposeAsync.
    public override string ConnectionString => ConnectionStringFor(_admin, _name);

    private static string ConnectionStringFor(string? admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true }.ConnectionString;

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("KP_TEST_POSTGRES");

    public static bool Required => Environment.GetEnvironmentVariable("KP_REQUIRE_POSTGRES") == "1";

    public override async Task CreateAsync(DatabaseContent content = DatabaseContent.Empty)
    {
        _admin = AdminConnectionString;
        if (string.IsNullOrWhiteSpace(_admin))
        {
            if (Required) throw new InvalidOperationException("KP_REQUIRE_POSTGRES=1 but KP_TEST_POSTGRES (admin connection string) is not set.");
            Assert.Skip("PostgreSQL tests need KP_TEST_POSTGRES (see README); .ci/run starts a server and sets it.");
        }
        // A copy of a template needs no connection open on the template; none is (SealAsTemplateAsync).
        var template = content == DatabaseContent.Empty ? "template0" : await DatabaseTemplates.GetAsync<PostgresTestDatabase>(content);
        // FILE_COPY (PostgreSQL 15+) copies the template's files instead of writing every block through the WAL: a third
        // less time per test database, and less of PostgreSQL's CPU taken from the tests running beside it.
        var strategy = content != DatabaseContent.Empty && await ServerVersionAsync(_admin) >= 150000 ? " STRATEGY FILE_COPY" : "";
        await AdminAsync(_admin, $"CREATE DATABASE \"{_name}\" ENCODING 'UTF8' TEMPLATE \"{template}\"{strategy}");
    }

    public override async ValueTask DisposeAsync()
    {
        if (_admin is null) return;
        ClearPools(ConnectionString);
        await AdminAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    /// <summary>The test's own pools: the one for its connection string and the one for the string the app makes of it.</summary>
    private static void ClearPools(string connectionString)
    {
        foreach (var cs in new[] { connectionString, DatabaseSetup.WithPostgresDefaults(connectionString) })
        {
            using var connection = new NpgsqlConnection(cs);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private static int? _serverVersion;

    private static async Task<int> ServerVersionAsync(string admin)
    {
        if (_serverVersion is { } known) return known;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SHOW server_version_num", conn);
        return (_serverVersion = int.Parse((string)(await cmd.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture)).Value;
    }

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Makes the database a template nobody can connect to (CREATE DATABASE … TEMPLATE refuses a template that has a
    /// connection open): no new connections, the app's pools cleared, any connection left over ended; then renames it.
    /// </summary>
    internal override async Task<(string Template, Func<Task> Remove)> SealAsTemplateAsync(string name)
    {
        var admin = _admin!;
        ClearPools(ConnectionString);
        await AdminAsync(admin, $"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS false");
        await AdminAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}' AND pid <> pg_backend_pid()");
        await AdminAsync(admin, $"ALTER DATABASE \"{_name}\" RENAME TO \"{name}\"");
        return (name, () => AdminAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    }
}
