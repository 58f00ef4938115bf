using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Ui;

/// <summary>Issue 13's smaller defects, each held by a test: the page language, the new-user form's defaults, favicon and renderer hint.</summary>
public abstract class SmallDefectTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task AnEnglishBrowser_GetsChinesePages_UntilTheUserSwitches()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = await App.LoginAsync("pyx");
        var page = await browser.GetAsync("/", new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" });
        page.One("html")!.GetAttribute("lang").ShouldBe("zh-CN");
        page.Text("h2.page-title").ShouldBe("工作台");
        page.One("meta[name=renderer]")!.GetAttribute("content").ShouldBe("webkit");
        var icon = page.One("link[rel=icon]")!.GetAttribute("href")!;
        icon.ShouldStartWith("/favicon.svg");
        (await browser.Http.GetAsync(icon)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        await browser.GetAsync("/culture/en?returnUrl=%2F");
        (await browser.GetAsync("/")).One("html")!.GetAttribute("lang").ShouldBe("en");
    }

    [Fact]
    public async Task TheNewUserForm_StartsAtTheLeastPrivilege_AtTheCreatorsOwnNode()
    {
        var county = await OrgAsync("濮阳县");
        await App.CreateUserAsync("pyadmin", Role.Admin, "濮阳县");
        var admin = await App.LoginAsync("pyadmin");
        var form = await admin.GetAsync("/admin/users");
        form.One("select#Role option[selected]")!.GetAttribute("value").ShouldBe("Viewer");
        form.One("select#OrgId option[selected]")!.GetAttribute("value").ShouldBe(county.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Users_AreSearchedByLoginNameOrOrganisation_AndPaged()
    {
        await App.CreateUserAsync("pyadmin", Role.Admin, "濮阳县");
        await App.CreateUserAsync("pyx.staff", Role.Staff, "濮阳县");
        await App.CreateUserAsync("pyx.leader", Role.Leader, "濮阳县");
        await App.CreateUserAsync("nl.staff", Role.Staff, "南乐县");
        var admin = await App.LoginAsync("admin", KeyProjectsApp.AdminPassword);
        var found = await admin.GetAsync("/admin/users?q=pyx");
        found.All("[data-testid=user-table] tbody tr").Count.ShouldBe(2);
        found.Text("[data-testid=user-total]").ShouldBe("共 2 个用户");
        var byOrg = await admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString("南乐县"));
        byOrg.All("[data-testid=user-table] tbody tr").Select(r => r.TextContent).ShouldHaveSingleItem().ShouldContain("nl.staff");
        var all = await admin.GetAsync("/admin/users");
        all.Text("[data-testid=user-total]").ShouldBe($"共 {all.All("[data-testid=user-table] tbody tr").Count} 个用户");
    }

    [Fact]
    public async Task TheDepartmentChoice_IsGroupedByOwner_TheProjectsCountyFirst()
    {
        var world = await Problems.ProblemWorld.SeedAsync(App);
        await App.CreateOrgAsync("濮阳市", "濮阳市生态环境局", Domain.Organisations.OrgKind.Department);
        var staff = await App.LoginAsync("pyx");
        var form = await staff.GetAsync($"/problems/new?project={world.Project}");
        var groups = form.All("select#DepartmentOrgId optgroup");
        groups.Select(g => g.GetAttribute("label")).ShouldBe(["濮阳县", "濮阳市"]);
        groups[0].QuerySelectorAll("option").Select(o => o.TextContent).ShouldBe(["濮阳县自然资源局", "濮阳县住建局"], ignoreOrder: true);
        groups[1].QuerySelectorAll("option").Select(o => o.TextContent).ShouldContain("濮阳市生态环境局");
    }
}

public sealed class SmallDefectTestsSqlite : SmallDefectTests<SqliteTestDatabase>;

public sealed class SmallDefectTestsPostgres : SmallDefectTests<PostgresTestDatabase>;
