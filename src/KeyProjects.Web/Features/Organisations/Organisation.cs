using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Organisations;

/// <summary>A node of the organisation tree: province, city, county, district, zone, township, department or project unit.</summary>
public sealed class Organisation : IAudited
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    public required string Name { get; set; }
    public OrgKind Kind { get; set; }
    /// <summary>行政区划代码 where the node has one (410928 濮阳县).</summary>
    public string? DivisionCode { get; set; }
    /// <summary>Materialised path "/1/5/23/": a subtree is every path with this prefix.</summary>
    public string Path { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A configurable set of organisations ranked against each other (郑州6县(市), 濮阳市县区 and zones).</summary>
public sealed class PeerGroup : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The node that owns and ranks the group (濮阳市).</summary>
    public int OwnerOrgId { get; set; }
    public Organisation? OwnerOrg { get; set; }
    public List<PeerGroupMember> Members { get; set; } = [];
    public int Version { get; set; }
}

public sealed class PeerGroupMember : IAudited
{
    public int PeerGroupId { get; set; }
    public int OrgId { get; set; }
    public Organisation? Org { get; set; }
}
