using System.Security.Cryptography;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Demo;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Data;

/// <summary>
/// At start: bring the schema up to date (every server may do this; EF takes a migration lock), seed the places
/// of the articles and the first administrator, and, when asked, the demo data.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var config = sp.GetRequiredService<IConfiguration>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("KeyProjects.Database");

        // Migrate only when a migration is pending: a start on an up-to-date database then reads the history table and
        // nothing more (MigrateAsync would also take the migration lock and compare the model with the last snapshot).
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            await db.Database.MigrateAsync(ct);
        // WAL lets readers go on while one writer writes; the app is read-mostly.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        await PlaceSeed.SeedAsync(db, clock, ct);
        await SeedAdministratorAsync(sp, db, config, log, ct);

        var demoDefault = DatabaseSetup.ProviderOf(config) == DatabaseProvider.Sqlite;
        if (config.GetValue("Seed:DemoData", demoDefault))
            await sp.GetRequiredService<DemoData>().SeedAsync(ct);
    }

    private static async Task SeedAdministratorAsync(IServiceProvider sp, AppDbContext db, IConfiguration config, ILogger log, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("admin") is not null) return;
        var configured = config["Seed:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        var root = await db.Organisations.SingleAsync(o => o.ParentId == null, ct);
        var user = new AppUser
        {
            UserName = "admin",
            DisplayName = "系统管理员",
            Role = Role.Admin,
            OrgId = root.Id,
            CreatedAtUtc = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Seed:AdminPassword does not meet the password policy: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, at the first start only; set Seed:AdminPassword to choose it instead.
            Console.WriteLine($"KeyProjects: created administrator 'admin' with password: {password}");
            log.LogWarning("Created administrator 'admin' with a random password, printed once on the console.");
        }
    }

    private static string RandomPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = Enumerable.Range(0, 12).Select(i => i % 4 == 3 ? digits[RandomNumberGenerator.GetInt32(digits.Length)] : letters[RandomNumberGenerator.GetInt32(letters.Length)]);
        return "Kp" + new string(chars.ToArray()) + "a7";
    }
}
