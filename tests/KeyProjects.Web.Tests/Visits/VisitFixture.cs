using KeyProjects.Domain.Access;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Users;
using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Visits;

/// <summary>
/// 濮阳县: 张振华 holds the logistics park and the water plant, 李明 the water plant and the school; 南乐县 (two visits a
/// month by configuration): 王强 holds one project. Users: the leader 张振华 ("濮阳县 张振华", as in the demo), county
/// staff, a viewer, and 南乐县 staff. The test clock stands at 22 November 2026, mid-month.
/// </summary>
public static class VisitFixture
{
    public sealed record Codes(string Park, string Water, string School, string Nanle);

    public static async Task<Codes> SeedAsync(KeyProjectsApp app)
    {
        var county = await app.OrgIdAsync("濮阳县");
        var nanle = await app.OrgIdAsync("南乐县");
        var park = await app.CreateProjectAsync(Builders.Project(county, name: "濮阳县智慧物流园") with { Team = [Leader("张振华")] });
        var water = await app.CreateProjectAsync(Builders.Project(county, name: "濮阳县污水处理厂") with { Team = [Leader("张振华"), Leader("李明")] });
        var school = await app.CreateProjectAsync(Builders.Project(county, name: "濮阳县第三中学") with { Team = [Leader("李明")] });
        var nl = await app.CreateProjectAsync(Builders.Project(nanle, name: "南乐县生物基材料产业园") with { Team = [Leader("王强")] });
        await CreateUserAsync(app, "zzh", "濮阳县 张振华", Role.Leader, "濮阳县");
        await app.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await app.CreateUserAsync("viewer", Role.Viewer, "濮阳县");
        await app.CreateUserAsync("nl", Role.Staff, "南乐县");
        return new Codes(park, water, school, nl);
    }

    private static TeamMemberDraft Leader(string name) => new(TeamRole.Leader, name, "副县长");

    public static Task CreateUserAsync(KeyProjectsApp app, string userName, string displayName, Role role, string orgName) => app.WithServicesAsync(async sp =>
    {
        var orgId = await sp.GetRequiredService<AppDbContext>().Organisations.Where(o => o.Name == orgName).Select(o => o.Id).SingleAsync();
        var result = await sp.GetRequiredService<UserService>().CreateAsync(Actor.System("test"), new NewUser(userName, displayName, KeyProjectsApp.Password, role, orgId));
        result.Succeeded.ShouldBeTrue();
    });

    public static object Visit(string project, string? leader = null, string? date = null, string findings = "现场查看进度，协调用电问题。", string[]? problems = null, string? type = null) =>
        new { projectCode = project, leaderName = leader, date, findings, problems = problems ?? [], type };

    /// <summary>Visits and their audit entries, as the database holds them.</summary>
    public static Task<(int Visits, int Audits)> WrittenAsync(KeyProjectsApp app) => app.WithServicesAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return (await db.Visits.CountAsync(), await db.AuditEntries.CountAsync(e => e.EntityType == VisitService.AuditType));
    });
}
