using Microsoft.Data.Sqlite;
using Npgsql;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// A database owned by one test: a fresh SQLite file, or a fresh PostgreSQL database on the server named by
/// KP_TEST_POSTGRES (an admin connection string; .ci/run starts that server). Without it the PostgreSQL tests skip —
/// unless KP_REQUIRE_POSTGRES=1, as in CI, where they fail instead.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract Task CreateAsync();
    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kp-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={_file};Pooling=False";
    public override Task CreateAsync() => Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = $"kp_test_{Guid.NewGuid():N}";
    private string? _admin;

    public override string Provider => "Postgres";
    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = false }.ConnectionString;

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("KP_TEST_POSTGRES");

    public static bool Required => Environment.GetEnvironmentVariable("KP_REQUIRE_POSTGRES") == "1";

    public override async Task CreateAsync()
    {
        _admin = AdminConnectionString;
        if (string.IsNullOrWhiteSpace(_admin))
        {
            if (Required) throw new InvalidOperationException("KP_REQUIRE_POSTGRES=1 but KP_TEST_POSTGRES (admin connection string) is not set.");
            Assert.Skip("PostgreSQL tests need KP_TEST_POSTGRES (see README); .ci/run starts a server and sets it.");
        }
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\" ENCODING 'UTF8' TEMPLATE template0", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_admin is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
