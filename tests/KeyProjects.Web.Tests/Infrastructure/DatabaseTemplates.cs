using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(KeyProjects.Web.Tests.Infrastructure.DatabaseTemplates))]

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// The run's template databases, one per provider and content (decision 019): built on first use, by the app itself — a
/// <see cref="KeyProjectsApp"/> started on an empty database, with the test settings, runs its migrations and seeding and
/// stops — and copied for every test that wants that content. Built once even when test classes ask at the same time
/// (xunit runs classes in parallel). Named after the run (<see cref="RunId"/>) and removed when the run ends: xunit
/// disposes this assembly fixture after the last test.
/// </summary>
public sealed class DatabaseTemplates : IAsyncDisposable
{
    /// <summary>Tells this run's templates from another's on the same PostgreSQL server or temp folder.</summary>
    public static readonly string RunId = Guid.NewGuid().ToString("N")[..12];

    private static readonly ConcurrentDictionary<(Type, DatabaseContent), Lazy<Task<string>>> Templates = new();
    private static readonly ConcurrentQueue<Func<Task>> Removals = new();

    /// <summary>The template to copy for <paramref name="content"/>: a file (SQLite) or a database name (PostgreSQL).</summary>
    public static Task<string> GetAsync<TDatabase>(DatabaseContent content) where TDatabase : TestDatabase, new() =>
        Templates.GetOrAdd((typeof(TDatabase), content), _ => new Lazy<Task<string>>(() => BuildAsync<TDatabase>(content))).Value;

    private static async Task<string> BuildAsync<TDatabase>(DatabaseContent content) where TDatabase : TestDatabase, new()
    {
        var db = new TDatabase();
        await db.CreateAsync(DatabaseContent.Empty);
        try
        {
            await KeyProjectsApp.SeedAsync(db, demoData: content == DatabaseContent.Demo);
            var (template, remove) = await db.SealAsTemplateAsync($"kp_template_{RunId}_{content.ToString().ToLowerInvariant()}");
            Removals.Enqueue(remove);
            return template;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (Removals.TryDequeue(out var remove))
            await remove();
    }
}
