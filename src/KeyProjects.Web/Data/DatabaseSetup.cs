using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KeyProjects.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The one provider switch: <c>Database:Provider</c> = Sqlite (default, a file under ./data/) or Postgres.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrations = "KeyProjects.Migrations.Sqlite";
    public const string PostgresMigrations = "KeyProjects.Migrations.Postgres";

    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var provider = ProviderOf(config);
        var connection = provider == DatabaseProvider.Sqlite ? SqliteConnectionString(config, env) : PostgresConnectionString(config);
        services.AddSingleton<AuditGuard>();
        services.AddSingleton<Infrastructure.Changes.ChangeGuard>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            Configure(options, provider, connection);
            options.AddInterceptors(sp.GetRequiredService<AuditGuard>(), sp.GetRequiredService<Infrastructure.Changes.ChangeGuard>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connection)
    {
        // Lists of values (an import's 20,000 codes) go to the database as one array parameter, not one parameter each.
        if (provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(connection, o => o.MigrationsAssembly(SqliteMigrations).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
            options.AddInterceptors(new SqlitePragmas());
        }
        else
            options.UseNpgsql(connection, o => o.MigrationsAssembly(PostgresMigrations).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        options.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
    }

    private static string SqliteConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var configured = config.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var dir = Path.Combine(env.ContentRootPath, "data");
        Directory.CreateDirectory(dir);
        return $"Data Source={Path.Combine(dir, "keyprojects.db")};Pooling=True";
    }

    private static string PostgresConnectionString(IConfiguration config) =>
        config.GetConnectionString("Postgres") is { Length: > 0 } cs
            ? WithPostgresDefaults(cs)
            : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set (environment ConnectionStrings__Postgres).");

    /// <summary>
    /// Unless the connection string says otherwise: the statements the app sends again and again (a report saved, a
    /// counter read) are prepared once per connection, and a pooled connection is not reset when it goes back to the pool
    /// (the app never changes session state), so the prepared statements survive: less parsing and planning for
    /// PostgreSQL on every request (docs/PERFORMANCE.md, issue 3).
    /// </summary>
    internal static string WithPostgresDefaults(string connection)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!connection.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)) b.MaxAutoPrepare = 64;
        if (!connection.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) b.NoResetOnClose = true;
        return b.ConnectionString;
    }
}

/// <summary>One cached EF model per provider: SQLite stores money differently, and tests run both in one process.</summary>
public sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}
