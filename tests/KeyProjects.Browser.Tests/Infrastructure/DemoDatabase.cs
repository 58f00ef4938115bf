using Microsoft.Data.Sqlite;

namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>
/// The demo data takes the app many seconds to seed, so a test run seeds it once — the app itself does, through its
/// own start-up with <c>Seed:DemoData=true</c> — and every test's app starts on a copy of that file. The app's seeder
/// finds the data there and adds nothing; each test still owns a fresh database.
/// </summary>
public static class DemoDatabase
{
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>Writes a freshly seeded demo database to <paramref name="file"/>.</summary>
    public static async Task CopyToAsync(string file) => File.Copy(await Template.Value, file);

    private static Task<string> CreateTemplateAsync() => Task.Run(() =>
    {
        var folder = Directory.CreateTempSubdirectory("kp-browser-demo-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
        var seeded = Path.Combine(folder, "seeded.db");
        using (LiveApp.Start(seeded)) { }
        SqliteConnection.ClearAllPools();

        // One self-contained file (the app keeps SQLite in WAL mode, so the seeded data may still sit in -wal).
        var template = Path.Combine(folder, "demo.db");
        using var connection = new SqliteConnection($"Data Source={seeded};Pooling=False");
        connection.Open();
        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $file";
        vacuum.Parameters.AddWithValue("$file", template);
        vacuum.ExecuteNonQuery();
        return template;
    });

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
