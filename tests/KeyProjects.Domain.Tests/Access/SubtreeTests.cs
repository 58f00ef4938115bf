using KeyProjects.Domain.Access;

namespace KeyProjects.Domain.Tests.Access;

public sealed class SubtreeTests
{
    [Theory]
    [InlineData("/1/2/", "/1/2/", true)]
    [InlineData("/1/2/5/", "/1/2/", true)]
    [InlineData("/1/2/5/9/", "/1/2/", true)]
    [InlineData("/1/2/", "/", true)]
    [InlineData("/1/", "/1/2/", false)]
    [InlineData("/1/3/", "/1/2/", false)]
    [InlineData("/1/23/", "/1/2/", false)]
    [InlineData("/11/2/", "/1/", false)]
    [InlineData("/2/1/", "/1/", false)]
    [InlineData(null, "/1/", false)]
    public void Holds_MatchesWholePathSegmentsOnly(string? path, string subtree, bool expected)
    {
        new Subtree(subtree).Holds(path).ShouldBe(expected);
        Compile(new Subtree(subtree).HoldingAny<Row>(r => r.Path))(new Row(path)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/1/5/", "/1/5/23/", true)]
    [InlineData("/1/", "/1/5/", true)]
    [InlineData("/1/5/23/", "/1/5/", true)]
    [InlineData("/1/6/", "/1/5/", false)]
    [InlineData("/1/5/24/", "/1/5/23/", false)]
    public void HoldsOrIsAbove_TakesTheSubtreeAndItsAncestors(string path, string subtree, bool expected)
    {
        new Subtree(subtree).HoldsOrIsAbove(path).ShouldBe(expected);
        Compile(new Subtree(subtree).HoldingOrAbove<Row>(r => r.Path!))(new Row(path)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/1/", true)]
    [InlineData("/1/5/", false)]
    public void IsWhole_ForTheRootOnly(string path, bool expected)
    {
        new Subtree(path).IsWhole.ShouldBe(expected);
    }

    [Theory]
    [InlineData("/1/5/9/", null, null, true)]   // on the list of a region of the subtree
    [InlineData("/1/6/", "/1/5/40/", null, true)] // built by a unit of the subtree
    [InlineData("/1/6/", null, "/1/5/41/", true)] // answered for by a department of the subtree
    [InlineData("/1/6/", "/1/6/40/", "/1/7/41/", false)]
    [InlineData("/1/50/", "/1/51/", null, false)] // "/1/50/" is not under "/1/5/"
    public void HoldsProject_ByRegionUnitOrResponsibleDepartment(string region, string? unit, string? responsible, bool expected)
    {
        var subtree = new Subtree("/1/5/");
        subtree.HoldsProject(new ProjectPlaces(region, unit, responsible)).ShouldBe(expected);
        Compile(subtree.HoldingProject<Placed>(p => p.Region, p => p.Unit, p => p.Responsible))(new Placed(region, unit, responsible)).ShouldBe(expected);
    }

    [Fact]
    public void HoldsTask_ByTheMeetingsNodeOrTheOwner()
    {
        var subtree = new Subtree("/1/5/");
        subtree.HoldsTask("/1/5/", null).ShouldBeTrue();
        subtree.HoldsTask("/1/", "/1/5/30/").ShouldBeTrue();
        subtree.HoldsTask("/1/", "/1/6/30/").ShouldBeFalse();
    }

    [Fact]
    public void HoldsProblem_ByProjectDepartmentOrCooperatingNode()
    {
        var subtree = new Subtree("/1/5/");
        subtree.HoldsProblem(projectHeld: true, null, []).ShouldBeTrue();
        subtree.HoldsProblem(false, "/1/5/30/", []).ShouldBeTrue();
        subtree.HoldsProblem(false, "/1/6/30/", ["/1/6/31/", "/1/5/32/"]).ShouldBeTrue();
        subtree.HoldsProblem(false, "/1/6/30/", ["/1/6/31/", null]).ShouldBeFalse();
    }

    /// <summary>
    /// On a generated tree, for every node as the viewer: the rule in memory, its SQL form compiled, and the subtree found
    /// by walking parent links (independent of paths) select the same projects and the same nodes.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ProjectScope_InMemoryAndSqlFormAgree_OnAGeneratedTree(int seed)
    {
        var tree = GeneratedTree.Make(seed);
        foreach (var node in tree.Nodes)
        {
            var subtree = new Subtree(node.Path);
            var ids = tree.SubtreeIds(node);
            var walked = tree.Projects.Where(p => node.ParentId is null || ids.Contains(p.OrgId)
                || (p.UnitOrgId is { } u && ids.Contains(u)) || (p.ResponsibleOrgId is { } r && ids.Contains(r))).Select(p => p.Id).ToList();
            var inMemory = tree.Projects.Where(p => subtree.HoldsProject(p.Places)).Select(p => p.Id).ToList();
            var sql = Compile(subtree.HoldingProject<GeneratedTree.PlacedProject>(p => p.OrgPath, p => p.UnitPath, p => p.ResponsiblePath));
            var compiled = tree.Projects.Where(sql).Select(p => p.Id).ToList();

            inMemory.ShouldBe(walked, $"viewer {node.Path}");
            compiled.ShouldBe(walked, $"viewer {node.Path}");

            var nodeSql = Compile(subtree.Holding<GeneratedTree.Node>(n => n.Path));
            tree.Nodes.Where(n => subtree.Holds(n.Path)).Select(n => n.Id).ShouldBe(ids.Order(), $"viewer {node.Path}");
            tree.Nodes.Where(nodeSql).Select(n => n.Id).ShouldBe(ids.Order(), $"viewer {node.Path}");
        }
    }

    [Fact]
    public void GeneratedTree_HasSeveralLevelsAndKinds()
    {
        var tree = GeneratedTree.Make(1);
        tree.Nodes.Count.ShouldBe(300);
        tree.Nodes.Max(n => KeyProjects.Domain.Organisations.OrgTree.DepthOf(n.Path)).ShouldBeGreaterThanOrEqualTo(4);
        tree.Nodes.Select(n => n.Kind).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        tree.Projects.Count(p => p.UnitPath is not null).ShouldBeGreaterThan(0);
    }

    private static Func<T, bool> Compile<T>(System.Linq.Expressions.Expression<Func<T, bool>> e) => e.Compile();

    private sealed record Row(string? Path);

    private sealed record Placed(string Region, string? Unit, string? Responsible);
}
