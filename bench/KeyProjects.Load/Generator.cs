using System.Diagnostics;
using KeyProjects.Dataset;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Load;

/// <summary>
/// Builds the province-scale registry in a database: the app's own start-up (migrations, places, administrator), then
/// the 200 units through <see cref="OrgService"/> and the projects through <see cref="ProjectService"/>, as the system,
/// with a fixed clock, so the same options give the same database. Running it again on a filled database does nothing.
/// </summary>
public static class Generator
{
    public const string DefaultAdminPassword = "Bench-admin-2026";
    private const int ScopeSize = 500;

    public static async Task<int> RunAsync(Options o)
    {
        var (provider, connection) = AppHost.DatabaseOf(o);
        var count = o.Int("projects", ProvinceProjects.DefaultCount);
        var seed = o.Int("seed", ProvinceProjects.DefaultSeed);
        var total = Stopwatch.StartNew();

        await using var host = new AppHost(provider, connection, o.Get("admin-password") ?? DefaultAdminPassword);
        var services = host.Services; // starts the app's host: migrations, places and the administrator
        Console.WriteLine($"generate: {provider} database ready in {total.Elapsed.TotalSeconds:0.0} s");

        var units = await EnsureUnitsAsync(services);
        Console.WriteLine($"generate: {ProvinceUnits.Count} units present ({units.Created} created) at {total.Elapsed.TotalSeconds:0.0} s");

        using (var scope = services.CreateScope())
        {
            var existing = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Projects.CountAsync();
            if (existing > 0)
            {
                Console.WriteLine($"generate: the database already holds {existing} projects; nothing more to do.");
                return 0;
            }
        }

        var created = 0;
        var timer = Stopwatch.StartNew();
        foreach (var chunk in ProvinceProjects.Generate(count, seed).Chunk(ScopeSize))
        {
            // A scope (and so a DbContext) per chunk keeps the change tracker small, as a request would; one transaction
            // per chunk spares a disk flush per project and changes nothing in what is written.
            using var scope = services.CreateScope();
            var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            foreach (var p in chunk)
            {
                var result = await projects.CreateAsync(Actor.System("bench"), p.Draft with { OrgId = units.Ids[p.Unit.Name] });
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Project {p.Draft.Code} was refused: {string.Join("; ", result.Errors.Select(e => e.Field + " " + e.MessageKey))}");
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync();
            created += chunk.Length;
            if (created % 5000 == 0 || created == count)
                Console.WriteLine($"generate: {created} projects ({created / timer.Elapsed.TotalSeconds:0} per second)");
        }
        Console.WriteLine($"generate: done, {created} projects in {ProvinceUnits.Count} units, {total.Elapsed.TotalSeconds:0.0} s in all");
        return 0;
    }

    private static async Task<(Dictionary<string, int> Ids, int Created)> EnsureUnitsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgs = scope.ServiceProvider.GetRequiredService<OrgService>();
        var ids = await db.Organisations.Where(o => o.Kind != OrgKind.Department && o.Kind != OrgKind.ProjectUnit)
            .ToDictionaryAsync(o => o.Name, o => o.Id);
        var created = 0;
        foreach (var unit in ProvinceUnits.All.Where(u => !ids.ContainsKey(u.Name)))
        {
            var result = await orgs.CreateAsync(Actor.System("bench"), ids[unit.Parent], unit.Name, unit.Kind, unit.DivisionCode);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Unit {unit.Name} was refused: {string.Join("; ", result.Errors.Select(e => e.Field + " " + e.MessageKey))}");
            ids[unit.Name] = result.Value.Id;
            created++;
        }
        return (ids, created);
    }
}
