using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;

namespace KeyProjects.Domain.Tests.Access;

/// <summary>
/// A random organisation tree (a province, cities, counties, townships, departments and units, by the kinds each may
/// hold) with projects placed at its regions, units and departments; the same seed gives the same tree.
/// </summary>
public sealed class GeneratedTree
{
    public sealed record Node(int Id, int? ParentId, OrgKind Kind, string Path);

    public sealed record PlacedProject(int Id, int OrgId, int? UnitOrgId, int? ResponsibleOrgId, string OrgPath, string? UnitPath, string? ResponsiblePath)
    {
        public ProjectPlaces Places => new(OrgPath, UnitPath, ResponsiblePath);
    }

    public List<Node> Nodes { get; } = [];
    public List<PlacedProject> Projects { get; } = [];

    public static GeneratedTree Make(int seed, int nodes = 300, int projects = 400)
    {
        var random = new Random(seed);
        var tree = new GeneratedTree();
        tree.Nodes.Add(new Node(1, null, OrgKind.Province, OrgTree.PathOf(null, 1)));
        while (tree.Nodes.Count < nodes)
        {
            var parent = tree.Nodes[random.Next(tree.Nodes.Count)];
            var kinds = Enum.GetValues<OrgKind>().Where(k => OrgTree.MayContain(parent.Kind, k)).ToArray();
            if (kinds.Length == 0) continue;
            var id = tree.Nodes.Count + 1;
            tree.Nodes.Add(new Node(id, parent.Id, kinds[random.Next(kinds.Length)], OrgTree.PathOf(parent.Path, id)));
        }
        var regions = tree.Nodes.Where(n => OrgTree.IsRegion(n.Kind)).ToList();
        var units = tree.Nodes.Where(n => n.Kind == OrgKind.ProjectUnit).ToList();
        var departments = tree.Nodes.Where(n => n.Kind == OrgKind.Department).ToList();
        for (var i = 1; i <= projects; i++)
        {
            var region = regions[random.Next(regions.Count)];
            // Units and departments anywhere (a unit of another city builds here; a province department answers).
            var unit = units.Count > 0 && random.Next(3) > 0 ? units[random.Next(units.Count)] : null;
            var responsible = departments.Count > 0 && random.Next(3) > 0 ? departments[random.Next(departments.Count)] : null;
            tree.Projects.Add(new PlacedProject(i, region.Id, unit?.Id, responsible?.Id, region.Path, unit?.Path, responsible?.Path));
        }
        return tree;
    }

    /// <summary>Independent of the rule under test: the nodes of a subtree found by walking parent links.</summary>
    public HashSet<int> SubtreeIds(Node root)
    {
        var byId = Nodes.ToDictionary(n => n.Id);
        bool Under(Node n)
        {
            for (Node? x = n; x is not null; x = x.ParentId is { } p ? byId[p] : null)
                if (x.Id == root.Id) return true;
            return false;
        }
        return Nodes.Where(Under).Select(n => n.Id).ToHashSet();
    }
}
