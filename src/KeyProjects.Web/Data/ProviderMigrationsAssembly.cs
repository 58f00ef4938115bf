using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KeyProjects.Web.Data;

/// <summary>
/// Finds the migrations of the active provider's assembly (KeyProjects.Migrations.Sqlite or .Postgres). Those
/// assemblies cannot reference this one (it references them), so their [DbContext] attribute names a stand-in type
/// and EF's own lookup, which matches the attribute to the context type, would find nothing. Here every migration
/// and the snapshot of the configured assembly belong to <see cref="AppDbContext"/>.
/// </summary>
public sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _idGenerator = idGenerator;
        var name = options.Extensions.OfType<RelationalOptionsExtension>().Single().MigrationsAssembly
            ?? throw new InvalidOperationException("No migrations assembly is configured.");
        Assembly = Assembly.Load(new AssemblyName(name));
        _migrations = new(() => Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()!.Id, Type: t))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id, m => m.Type));
        _snapshot = new(() => Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
            .SingleOrDefault());
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.Where(_idGenerator.IsValidId(nameOrId)
                ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                : id => string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
