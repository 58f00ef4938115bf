using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Organisations;

/// <summary>
/// The places of the source articles, present in every installation: 河南省, 濮阳市 with its nine units,
/// 郑州市/荥阳市, 漯河市, 驻马店市, 南阳市/邓州市, and the two peer groups the articles rank in.
/// </summary>
public static class PlaceSeed
{
    public sealed record Place(string Name, OrgKind Kind, string? DivisionCode, Place[]? Children = null);

    public static readonly Place Henan = new("河南省", OrgKind.Province, "410000",
    [
        new("郑州市", OrgKind.City, "410100", [new("荥阳市", OrgKind.County, "410182")]),
        new("漯河市", OrgKind.City, "411100"),
        new("驻马店市", OrgKind.City, "411700"),
        new("南阳市", OrgKind.City, "411300", [new("邓州市", OrgKind.County, "411381")]),
        new("濮阳市", OrgKind.City, "410900",
        [
            new("濮阳县", OrgKind.County, "410928"),
            new("南乐县", OrgKind.County, "410923"),
            new("清丰县", OrgKind.County, "410922"),
            new("范县", OrgKind.County, "410926"),
            new("台前县", OrgKind.County, "410927"),
            new("华龙区", OrgKind.District, "410902"),
            new("经开区", OrgKind.Zone, "410971"),
            new("城乡一体化示范区", OrgKind.Zone, "410972"),
            new("工业园区", OrgKind.Zone, "410973"),
        ]),
    ]);

    /// <summary>Creates what is missing; running it again changes nothing.</summary>
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Organisations.AnyAsync(o => o.ParentId == null && o.Name == Henan.Name, ct)) return;
        var actor = Actor.System("seed");
        await using var tx = await db.UnitOfWorkAsync(ct);
        await AddAsync(new OrgService(db, clock), actor, Henan, null, 0, ct);

        var puyang = await db.Organisations.SingleAsync(o => o.Name == "濮阳市", ct);
        var puyangUnits = await db.Organisations.Where(o => o.ParentId == puyang.Id).Select(o => o.Id).ToListAsync(ct);
        var henan = await db.Organisations.SingleAsync(o => o.ParentId == null, ct);
        var cities = await db.Organisations.Where(o => o.ParentId == henan.Id).Select(o => o.Id).ToListAsync(ct);
        db.PeerGroups.Add(new PeerGroup { Name = "濮阳市县（区）及开发区", OwnerOrgId = puyang.Id, Version = 1, Members = puyangUnits.Select(id => new PeerGroupMember { OrgId = id }).ToList() });
        db.PeerGroups.Add(new PeerGroup { Name = "全省省辖市", OwnerOrgId = henan.Id, Version = 1, Members = cities.Select(id => new PeerGroupMember { OrgId = id }).ToList() });
        AuditLog.Add(db, clock, actor, "PeerGroup", "seed", henan.Path, AuditAction.Created, []);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task AddAsync(OrgService orgs, Actor actor, Place place, Organisation? parent, int order, CancellationToken ct)
    {
        var org = await orgs.AddNodeAsync(actor, parent, place.Name, place.Kind, place.DivisionCode, order, ct);
        var i = 0;
        foreach (var child in place.Children ?? []) await AddAsync(orgs, actor, child, org, i++, ct);
    }
}
