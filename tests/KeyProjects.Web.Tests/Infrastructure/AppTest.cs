namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// Base of web tests: every test gets its own app and its own database. A test class is written once, generic in the
/// database, and declared twice — <c>Sqlite</c> and <c>Postgres</c> — so that the whole web suite runs on both.
/// </summary>
public abstract class AppTest<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private KeyProjectsApp? _app;

    protected KeyProjectsApp App => _app ?? throw new InvalidOperationException("The app starts in InitializeAsync.");

    /// <summary>Whether the app starts with the demo data (the articles' ledgers).</summary>
    protected virtual bool DemoData => false;

    /// <summary>
    /// Whether the app starts on a truly empty database, and so runs every migration and the first seeding itself, rather
    /// than on a copy of the run's template (for tests of the first start).
    /// </summary>
    protected virtual bool EmptyDatabase => false;

    /// <summary>Configuration the test class's apps start with, over the test defaults (<c>Documents:LibreOfficePath</c> …).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async ValueTask InitializeAsync() =>
        _app = await KeyProjectsApp.StartAsync<TDatabase>(EmptyDatabase ? DatabaseContent.Empty : DemoData ? DatabaseContent.Demo : DatabaseContent.Seeded, Settings);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task<int> OrgAsync(string name) => App.OrgIdAsync(name);
}
