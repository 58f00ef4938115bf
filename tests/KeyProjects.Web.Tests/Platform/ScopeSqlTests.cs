using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure.Changes;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// The scope rule's SQL form, run by EF on a real database, selects what its in-memory form selects (decision 017): a
/// generated tree of a few hundred nodes of random kinds under the province, with projects placed at random regions,
/// units and departments; for every node as the viewer, the projects and organisations the database returns are those
/// the rule in memory (and the registry snapshot's scope) holds.
/// </summary>
public abstract class ScopeSqlTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private const int FirstId = 100_001;

    private sealed record Node(int Id, OrgKind Kind, string Path);

    private async Task<List<Node>> GenerateAsync(int seed, int nodes, int projects)
    {
        var random = new Random(seed);
        return await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var root = await db.Organisations.AsNoTracking().Where(o => o.ParentId == null).Select(o => new { o.Id, o.Kind, o.Path }).SingleAsync();
            var tree = new List<Node> { new(root.Id, root.Kind, root.Path) };
            await using (var tx = await db.UnitOfWorkAsync(default))
            {
                for (var id = FirstId; tree.Count <= nodes; id++)
                {
                    var parent = tree[random.Next(tree.Count)];
                    var kinds = Enum.GetValues<OrgKind>().Where(k => OrgTree.MayContain(parent.Kind, k)).ToArray();
                    if (kinds.Length == 0) { id--; continue; }
                    var node = new Node(id, kinds[random.Next(kinds.Length)], OrgTree.PathOf(parent.Path, id));
                    tree.Add(node);
                    db.Organisations.Add(new Organisation { Id = node.Id, ParentId = parent.Id, Name = "节点" + id, Kind = node.Kind, Path = node.Path, Version = 1 });
                }
                AuditLog.Add(db, TimeProvider.System, Actor.System("test"), "Organisation", "generated", root.Path, AuditAction.Created, []);
                await ChangeCounter.NextAsync(db, Counter.Organisations, default);
                await db.SaveChangesAsync();
                await tx.CommitAsync(default);
            }

            var regions = tree.Where(n => OrgTree.IsRegion(n.Kind) && n.Id >= FirstId).ToList();
            var units = tree.Where(n => n.Kind == OrgKind.ProjectUnit).ToList();
            var departments = tree.Where(n => n.Kind == OrgKind.Department).ToList();
            await using (var tx = await db.UnitOfWorkAsync(default))
            {
                var last = await ChangeCounter.NextAsync(db, Counter.Projects, projects, default);
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                for (var i = 0; i < projects; i++)
                {
                    var draft = Builders.Project(regions[random.Next(regions.Count)].Id);
                    var project = new Project { Code = draft.Code, Name = "", CreatedAtUtc = now, UpdatedAtUtc = now, Version = 1, ChangeSeq = last - projects + 1 + i };
                    project.Apply(draft);
                    // Units and departments anywhere in the tree: a unit of another city builds here, a province department answers.
                    project.UnitOrgId = units.Count > 0 && random.Next(3) > 0 ? units[random.Next(units.Count)].Id : null;
                    project.ResponsibleOrgId = departments.Count > 0 && random.Next(3) > 0 ? departments[random.Next(departments.Count)].Id : null;
                    db.Projects.Add(project);
                }
                AuditLog.Add(db, TimeProvider.System, Actor.System("test"), ProjectService.AuditType, "generated", root.Path, AuditAction.Created, []);
                await db.SaveChangesAsync();
                await tx.CommitAsync(default);
            }
            return tree;
        });
    }

    [Fact]
    public async Task ProjectScope_SqlFormOnTheDatabase_SelectsWhatTheInMemoryRuleHolds_ForEveryNode()
    {
        var tree = await GenerateAsync(seed: 11, nodes: 250, projects: 300);
        tree.Select(n => OrgTree.DepthOf(n.Path)).Max().ShouldBeGreaterThanOrEqualTo(4);

        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var placed = await db.Projects.AsNoTracking()
                .Select(p => new { p.Id, Region = p.Org!.Path, Unit = p.UnitOrg!.Path, Responsible = p.ResponsibleOrg!.Path }).ToListAsync();
            placed.Count(p => p.Unit != null).ShouldBeGreaterThan(0);
            var paths = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Path }).ToListAsync();
            var snapshot = await sp.GetRequiredService<ProjectIndex>().CurrentAsync(db, default);
            var viewers = tree.Concat(tree.Take(1).Select(_ => new Node(0, OrgKind.Province, "/"))).ToList();
            foreach (var viewer in viewers)
            {
                var subtree = new Subtree(viewer.Path);
                var expected = placed.Where(p => subtree.HoldsProject(new ProjectPlaces(p.Region, p.Unit, p.Responsible))).Select(p => p.Id).Order().ToList();

                var bySql = await db.Projects.Where(ProjectService.InSubtree(subtree)).Select(p => p.Id).OrderBy(id => id).ToListAsync();
                bySql.ShouldBe(expected, $"projects of {viewer.Path}");

                var actor = new Actor { UserId = "v", UserName = "v", Role = Role.Viewer, OrgId = viewer.Id, OrgPath = viewer.Path };
                snapshot.ScopeOf(actor).Projects.Select(p => p.Id).Order().ToList().ShouldBe(expected, $"snapshot scope of {viewer.Path}");

                var orgs = await db.Organisations.Where(subtree.Holding<Organisation>(o => o.Path)).Select(o => o.Id).OrderBy(id => id).ToListAsync();
                orgs.ShouldBe(paths.Where(o => subtree.Holds(o.Path)).Select(o => o.Id).Order().ToList(), $"organisations of {viewer.Path}");
            }
        });
    }

    [Fact]
    public async Task HoldingOrAbove_OnTheDatabase_TakesTheSubtreeAndItsAncestors()
    {
        var tree = await GenerateAsync(seed: 12, nodes: 120, projects: 10);
        await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var paths = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Path }).ToListAsync();
            foreach (var viewer in tree)
            {
                var subtree = new Subtree(viewer.Path);
                var bySql = await db.Organisations.Where(subtree.HoldingOrAbove<Organisation>(o => o.Path)).Select(o => o.Id).OrderBy(id => id).ToListAsync();
                bySql.ShouldBe(paths.Where(o => subtree.HoldsOrIsAbove(o.Path)).Select(o => o.Id).Order().ToList(), viewer.Path);
            }
        });
    }
}

public sealed class ScopeSqlTestsSqlite : ScopeSqlTests<SqliteTestDatabase>;

public sealed class ScopeSqlTestsPostgres : ScopeSqlTests<PostgresTestDatabase>;
