using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Organisations;

/// <summary>Rules of the organisation tree: which kind of node may sit under which, and subtree membership by materialised path.</summary>
public static class OrgTree
{
    public const int MaxNameLength = 100;

    private static readonly Dictionary<OrgKind, OrgKind[]> AllowedChildren = new()
    {
        [OrgKind.Province] = [OrgKind.City, OrgKind.Department],
        [OrgKind.City] = [OrgKind.County, OrgKind.District, OrgKind.Zone, OrgKind.Department, OrgKind.ProjectUnit],
        [OrgKind.County] = [OrgKind.Township, OrgKind.Zone, OrgKind.Department, OrgKind.ProjectUnit],
        [OrgKind.District] = [OrgKind.Township, OrgKind.Department, OrgKind.ProjectUnit],
        [OrgKind.Zone] = [OrgKind.Township, OrgKind.Department, OrgKind.ProjectUnit],
        [OrgKind.Township] = [OrgKind.ProjectUnit],
        [OrgKind.Department] = [OrgKind.Department],
        [OrgKind.ProjectUnit] = [],
    };

    public static bool MayContain(OrgKind parent, OrgKind child) => AllowedChildren[parent].Contains(child);

    /// <summary>Regions are the nodes that own project lists and are ranked: everything but departments and project units.</summary>
    public static bool IsRegion(OrgKind kind) => kind is not (OrgKind.Department or OrgKind.ProjectUnit);

    /// <summary>The path of a node is its ancestors' ids and its own, "/1/5/23/"; a subtree is every path with the same prefix.</summary>
    public static string PathOf(string? parentPath, int id) => (parentPath ?? "/") + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>The paths of a node's ancestors and its own, from the root down: "/1/5/23/" gives "/1/", "/1/5/", "/1/5/23/".</summary>
    public static IReadOnlyList<string> PathsFromRoot(string path)
    {
        var result = new List<string>();
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1)) result.Add(path[..(i + 1)]);
        return result;
    }

    public static int DepthOf(string path) => path.AsSpan().Count('/') - 1;

    public static IReadOnlyList<DomainError> ValidateNew(string? name, OrgKind kind, OrgKind? parentKind)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new FieldInvalid("Name", "Error.Org.NameRequired"));
        else if (name.Trim().Length > MaxNameLength)
            errors.Add(new FieldInvalid("Name", "Error.TooLong", MaxNameLength));

        if (parentKind is null && kind != OrgKind.Province)
            errors.Add(new FieldInvalid("ParentId", "Error.Org.ParentRequired"));
        else if (parentKind is { } p && !MayContain(p, kind))
            errors.Add(new FieldInvalid("Kind", "Error.Org.KindNotAllowedUnder", kind, p));
        return errors;
    }
}
