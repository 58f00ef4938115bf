using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Organisations;

/// <summary>
/// Departments and project units of a part of the tree, by name, so that the 责任单位 and 项目单位 a ledger names can be
/// tied to the nodes whose users should see the project. A name is looked for in the city the project belongs to
/// (a county project's 责任单位 may be a county or a city department); a name found twice is left as plain text.
/// </summary>
public sealed class NamedNodes
{
    private readonly ILookup<(OrgKind, string), (int Id, string Path)> _byName;
    private readonly Dictionary<int, (OrgKind Kind, string Path)> _regions;

    private NamedNodes(ILookup<(OrgKind, string), (int, string)> byName, Dictionary<int, (OrgKind, string)> regions)
    {
        _byName = byName;
        _regions = regions;
    }

    public static async Task<NamedNodes> LoadAsync(AppDbContext db, string scopePath, CancellationToken ct)
    {
        // The scope's subtree and the nodes above it (a county's project may name a city's department).
        var rows = await db.Organisations.AsNoTracking()
            .Where(new Subtree(scopePath).HoldingOrAbove<Organisation>(o => o.Path))
            .Select(o => new { o.Id, o.Name, o.Kind, o.Path })
            .ToListAsync(ct);
        var named = rows.Where(r => r.Kind is OrgKind.Department or OrgKind.ProjectUnit)
            .ToLookup(r => (r.Kind, r.Name), r => (r.Id, r.Path));
        var regions = rows.Where(r => OrgTree.IsRegion(r.Kind)).ToDictionary(r => r.Id, r => (r.Kind, r.Path));
        return new NamedNodes(named, regions);
    }

    /// <summary>The city a region belongs to (the region itself when it is a city or above no city).</summary>
    public static string CityPathOf(string regionPath, IReadOnlyDictionary<int, (OrgKind Kind, string Path)> regions)
    {
        foreach (var id in regionPath.Trim('/').Split('/').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))
            if (regions.TryGetValue(id, out var r) && r.Kind == OrgKind.City) return r.Path;
        return regionPath;
    }

    public int? Find(string? name, string regionPath, OrgKind kind)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var city = CityPathOf(regionPath, _regions);
        var hits = _byName[(kind, name.Trim())].Where(n => new Subtree(city).Holds(n.Path)).Take(2).ToList();
        return hits.Count == 1 ? hits[0].Id : null;
    }
}
