using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Organisations;

/// <summary>A node as lists and trees show it.</summary>
public sealed record OrgNode(int Id, int? ParentId, string Name, OrgKind Kind, string Path, string? DivisionCode, bool IsActive, int Version = 0)
{
    public int Depth => OrgTree.DepthOf(Path);
}

/// <summary>The organisation tree: reading the caller's subtree, finding nodes by name, and changing the tree (administrators).</summary>
public sealed class OrgService(AppDbContext db, TimeProvider clock)
{
    /// <summary>The caller's node and everything under it, depth-first in display order.</summary>
    public async Task<IReadOnlyList<OrgNode>> SubtreeAsync(Actor actor, CancellationToken ct = default)
    {
        var rows = await db.Organisations.AsNoTracking()
            .Where(actor.Subtree.Holding<Organisation>(o => o.Path))
            .Select(o => new { Node = new OrgNode(o.Id, o.ParentId, o.Name, o.Kind, o.Path, o.DivisionCode, o.IsActive, o.Version), o.SortOrder })
            .ToListAsync(ct);
        var children = rows.ToLookup(r => r.Node.ParentId);
        var ids = rows.Select(r => r.Node.Id).ToHashSet();
        var result = new List<OrgNode>(rows.Count);
        void Walk(int? parent)
        {
            foreach (var r in children[parent].OrderBy(r => r.SortOrder).ThenBy(r => r.Node.Name, StringComparer.Ordinal))
            {
                result.Add(r.Node);
                Walk(r.Node.Id);
            }
        }
        foreach (var root in rows.Where(r => r.Node.ParentId is null || !ids.Contains(r.Node.ParentId.Value)).Select(r => r.Node.ParentId).Distinct())
            Walk(root);
        return result;
    }

    /// <summary>The regions (not departments or project units) a caller may put projects on, in display order.</summary>
    public async Task<IReadOnlyList<OrgNode>> RegionsAsync(Actor actor, CancellationToken ct = default) =>
        (await SubtreeAsync(actor, ct)).Where(n => OrgTree.IsRegion(n.Kind) && n.IsActive).ToList();

    public Task<Organisation?> FindAsync(int id, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>A region in the caller's subtree that may own projects.</summary>
    public async Task<Result<Organisation>> RegionForProjectAsync(Actor actor, int orgId, CancellationToken ct = default)
    {
        var org = await FindAsync(orgId, ct);
        if (org is null || !actor.Covers(org.Path))
            return Result<Organisation>.Fail(new FieldInvalid("OrgId", "Error.Project.OrgNotInScope"));
        if (!OrgTree.IsRegion(org.Kind) || !org.IsActive)
            return Result<Organisation>.Fail(new FieldInvalid("OrgId", "Error.Project.OrgNotRegion"));
        return org;
    }

    /// <summary>Regions of the caller's subtree by name, as a ledger's 所属地区 column writes them.</summary>
    public async Task<Dictionary<string, List<OrgNode>>> RegionsByNameAsync(Actor actor, CancellationToken ct = default) =>
        (await RegionsAsync(actor, ct)).GroupBy(n => LedgerText.Normalize(n.Name)).ToDictionary(g => g.Key, g => g.ToList());

    public async Task<Result<Organisation>> CreateAsync(Actor actor, int parentId, string name, OrgKind kind, string? divisionCode, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageOrganisations)) return Result<Organisation>.Fail(new Forbidden("Error.Forbidden"));
        var parent = await db.Organisations.SingleOrDefaultAsync(o => o.Id == parentId, ct);
        if (parent is null || !actor.Covers(parent.Path))
            return Result<Organisation>.Fail(new FieldInvalid("ParentId", "Error.Org.ParentNotInScope"));
        var errors = OrgTree.ValidateNew(name, kind, parent.Kind).ToList();
        var trimmed = name?.Trim() ?? "";
        if (errors.Count == 0 && await db.Organisations.AnyAsync(o => o.ParentId == parentId && o.Name == trimmed, ct))
            errors.Add(new FieldInvalid("Name", "Error.Org.NameTaken", trimmed));
        if (divisionCode is { Length: > 12 }) errors.Add(new FieldInvalid("DivisionCode", "Error.TooLong", 12));
        if (errors.Count > 0) return Result<Organisation>.Fail(errors);

        await using var tx = await db.UnitOfWorkAsync(ct);
        var org = await AddNodeAsync(actor, parent, trimmed, kind, string.IsNullOrWhiteSpace(divisionCode) ? null : divisionCode.Trim(),
            await db.Organisations.CountAsync(o => o.ParentId == parentId, ct), ct);
        await tx.CommitAsync(ct);
        return org;
    }

    /// <summary>
    /// Adds a checked node with its audit entry. The path needs the id the database gives, so the node is saved with a
    /// unique placeholder path first and completed in a second save; callers hold a transaction around both.
    /// </summary>
    internal async Task<Organisation> AddNodeAsync(Actor actor, Organisation? parent, string name, OrgKind kind, string? divisionCode, int sortOrder, CancellationToken ct)
    {
        await using var tx = await db.UnitOfWorkAsync(ct);
        var org = new Organisation
        {
            Name = name,
            Kind = kind,
            DivisionCode = divisionCode,
            ParentId = parent?.Id,
            SortOrder = sortOrder,
            Path = (parent?.Path ?? "/") + Guid.NewGuid().ToString("N") + "/",
            Version = 1,
        };
        db.Organisations.Add(org);
        var entry = AuditLog.Add(db, clock, actor, "Organisation", "", parent?.Path ?? "/", AuditAction.Created, []);
        await db.SaveChangesAsync(ct);
        org.Path = OrgTree.PathOf(parent?.Path, org.Id);
        AuditLog.Complete(entry, Key(org.Id), org.Path, AuditLog.Diff(null, Snapshot(org)), org.Version);
        await ChangeCounter.NextAsync(db, Counter.Organisations, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Renames or (de)activates a node, against the version the administrator saw (null: the current one).</summary>
    public async Task<Result<Organisation>> RenameAsync(Actor actor, int id, string name, bool isActive, int? version = null, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageOrganisations)) return Result<Organisation>.Fail(new Forbidden("Error.Forbidden"));
        var org = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (org is null || !actor.Covers(org.Path)) return Result<Organisation>.Fail(new NotFound("Organisation", Key(id)));
        if (version is { } v && v != org.Version) return Result<Organisation>.Fail(new ConcurrencyConflict(org.Version, [], null, null));
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return Result<Organisation>.Fail(new FieldInvalid("Name", "Error.Org.NameRequired"));
        if (trimmed.Length > OrgTree.MaxNameLength) return Result<Organisation>.Fail(new FieldInvalid("Name", "Error.TooLong", OrgTree.MaxNameLength));
        if (org.Id == actor.OrgId && !isActive) return Result<Organisation>.Fail(new FieldInvalid("IsActive", "Error.Org.CannotDeactivateOwn"));
        if (await db.Organisations.AnyAsync(o => o.ParentId == org.ParentId && o.Name == trimmed && o.Id != id, ct))
            return Result<Organisation>.Fail(new FieldInvalid("Name", "Error.Org.NameTaken", trimmed));
        var before = Snapshot(org);
        org.Name = trimmed;
        org.IsActive = isActive;
        var changes = AuditLog.Diff(before, Snapshot(org));
        if (changes.Count == 0) return org;
        org.Version++;
        AuditLog.Add(db, clock, actor, "Organisation", Key(org.Id), org.Path, AuditAction.Updated, changes, org.Version);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await ChangeCounter.NextAsync(db, Counter.Organisations, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }

    private static SortedDictionary<string, string?> Snapshot(Organisation o) => new(StringComparer.Ordinal)
    {
        [nameof(o.Name)] = o.Name,
        [nameof(o.Kind)] = o.Kind.ToString(),
        [nameof(o.ParentId)] = o.ParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(o.DivisionCode)] = o.DivisionCode,
        [nameof(o.IsActive)] = o.IsActive ? "true" : "false",
    };

    public async Task<IReadOnlyList<PeerGroup>> PeerGroupsAsync(Actor actor, CancellationToken ct = default) =>
        await db.PeerGroups.AsNoTracking().Include(g => g.OwnerOrg).Include(g => g.Members).ThenInclude(m => m.Org)
            .Where(actor.Subtree.Holding<PeerGroup>(g => g.OwnerOrg!.Path))
            .OrderBy(g => g.Name).ToListAsync(ct);

    /// <summary>Creates or replaces a peer group: its name and the organisations ranked in it.</summary>
    public async Task<Result<PeerGroup>> SavePeerGroupAsync(Actor actor, int? id, int ownerOrgId, string name, IReadOnlyCollection<int> memberIds,
        int? version = null, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageOrganisations)) return Result<PeerGroup>.Fail(new Forbidden("Error.Forbidden"));
        var errors = new List<DomainError>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) errors.Add(new FieldInvalid("Name", "Error.Required"));
        else if (trimmed.Length > 100) errors.Add(new FieldInvalid("Name", "Error.TooLong", 100));
        var owner = await FindAsync(ownerOrgId, ct);
        if (owner is null || !actor.Covers(owner.Path)) errors.Add(new FieldInvalid("OwnerOrgId", "Error.Org.ParentNotInScope"));
        var members = await db.Organisations.AsNoTracking().Where(o => memberIds.Contains(o.Id)).ToListAsync(ct);
        if (members.Count != memberIds.Distinct().Count() || owner is null || members.Any(m => !new Subtree(owner.Path).Holds(m.Path) || !OrgTree.IsRegion(m.Kind)))
            errors.Add(new FieldInvalid("MemberIds", "Error.Org.PeerNotUnderOwner"));
        if (memberIds.Count < 2) errors.Add(new FieldInvalid("MemberIds", "Error.Org.PeerGroupTooSmall"));
        if (errors.Count > 0) return Result<PeerGroup>.Fail(errors);

        var group = id is { } gid
            ? await db.PeerGroups.Include(g => g.Members).Include(g => g.OwnerOrg).SingleOrDefaultAsync(g => g.Id == gid, ct)
            : null;
        if (id is not null && (group is null || !actor.Covers(group.OwnerOrg!.Path)))
            return Result<PeerGroup>.Fail(new NotFound("PeerGroup", Key(id.Value)));
        if (group is not null && version is { } v && v != group.Version)
            return Result<PeerGroup>.Fail(new ConcurrencyConflict(group.Version, [], null, null));
        if (await db.PeerGroups.AnyAsync(g => g.OwnerOrgId == ownerOrgId && g.Name == trimmed && g.Id != (id ?? 0), ct))
            return Result<PeerGroup>.Fail(new FieldInvalid("Name", "Error.Org.NameTaken", trimmed));

        var before = group is null ? null : GroupSnapshot(group);
        group ??= db.PeerGroups.Add(new PeerGroup { Name = trimmed, OwnerOrgId = ownerOrgId }).Entity;
        group.Name = trimmed;
        group.OwnerOrgId = ownerOrgId;
        group.Members.RemoveAll(m => !memberIds.Contains(m.OrgId));
        foreach (var m in memberIds.Distinct().Where(m => group.Members.All(x => x.OrgId != m)))
            group.Members.Add(new PeerGroupMember { OrgId = m });
        group.Version++;
        await using var tx = await db.UnitOfWorkAsync(ct);
        var entry = AuditLog.Add(db, clock, actor, "PeerGroup", "", owner!.Path, before is null ? AuditAction.Created : AuditAction.Updated, []);
        await db.SaveChangesAsync(ct);
        AuditLog.Complete(entry, Key(group.Id), owner.Path, AuditLog.Diff(before, GroupSnapshot(group)), group.Version);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return group;
    }

    private static SortedDictionary<string, string?> GroupSnapshot(PeerGroup g) => new(StringComparer.Ordinal)
    {
        [nameof(g.Name)] = g.Name,
        [nameof(g.OwnerOrgId)] = g.OwnerOrgId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Members"] = string.Join(",", g.Members.Select(m => m.OrgId).Order()),
    };
}
