using System.Net;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Users;

public abstract class OrgAdminTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Fact]
    public async Task Administrator_AddsADepartmentUnderACounty_AndTheAuditRecordsIt()
    {
        var admin = await App.LoginAsync("admin");
        var county = await OrgAsync("濮阳县");

        var page = await admin.PostFormAsync("/admin/orgs", "/admin/orgs", new Dictionary<string, string>
        {
            ["ParentId"] = county.ToString(), ["Name"] = "濮阳县住房和城乡建设局", ["Kind"] = "Department", ["DivisionCode"] = "",
        });

        page.Url.ShouldBe($"/admin/orgs?under={county}&done=org-created");
        page.All("[data-testid=org-tree] td").Select(td => td.TextContent.Trim()).ShouldContain("濮阳县住房和城乡建设局");
        var audit = await admin.GetAsync("/audit?type=Organisation");
        audit.All("[data-testid=audit-row]").First().TextContent.ShouldContain("濮阳县住房和城乡建设局");
    }

    /// <summary>Issue 13: the page lists the regions (not the province's 1,000 departments and units); a region opens; a search finds any node.</summary>
    [Fact]
    public async Task ThePage_ListsTheRegions_OpensOne_AndFindsAnyNodeByName()
    {
        var admin = await App.LoginAsync("admin");
        var county = await OrgAsync("濮阳县");
        await App.CreateOrgAsync("濮阳县", "濮阳县自然资源局", Domain.Organisations.OrgKind.Department);
        var page = await admin.GetAsync("/admin/orgs");
        var names = page.All("[data-testid=org-row]").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        names.ShouldContain(n => n.Contains("濮阳县"));
        names.ShouldNotContain(n => n.Contains("自然资源局"));
        var opened = await admin.GetAsync(page.One($"[data-testid=org-row][data-id='{county}'] [data-testid=org-open]")!.GetAttribute("href")!);
        opened.All("[data-testid=org-row]").Select(r => r.QuerySelector("td")!.TextContent).ShouldContain(n => n.Contains("濮阳县自然资源局"));
        var found = await admin.GetAsync("/admin/orgs?q=" + Uri.EscapeDataString("自然资源局"));
        found.All("[data-testid=org-row]").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ShouldContain("濮阳县自然资源局");
        found.All("[data-testid=org-row]").Count.ShouldBeLessThan(names.Count);
    }

    [Fact]
    public async Task Administrator_CannotPutACityUnderACounty_AndIsToldWhy()
    {
        var admin = await App.LoginAsync("admin");
        var page = await admin.PostFormAsync("/admin/orgs", "/admin/orgs", new Dictionary<string, string>
        {
            ["ParentId"] = (await OrgAsync("濮阳县")).ToString(), ["Name"] = "新城市", ["Kind"] = "City",
        });
        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Html.ShouldContain("“市”不能设在“县（市）”之下。");
    }

    [Fact]
    public async Task Administrator_ChangesAPeerGroupsMembers()
    {
        var admin = await App.LoginAsync("admin");
        var orgs = await admin.GetAsync("/admin/orgs");
        var form = orgs.All("form[action^='/admin/peer-groups/']").Single(f => f.QuerySelector("input[name=Name]")!.GetAttribute("value")!.StartsWith("濮阳市", StringComparison.Ordinal));
        var fields = BrowserClient.FieldsOf(form);
        var zone = (await OrgAsync("工业园区")).ToString();
        fields.RemoveAll(f => f.Key == "MemberIds" && f.Value == zone);

        var saved = await admin.PostPairsAsync("/admin/orgs", form.GetAttribute("action")!, fields);

        saved.Url.ShouldBe("/admin/orgs?done=group-saved");
        var again = saved.All("form[action^='/admin/peer-groups/']").Single(f => f.QuerySelector("input[name=Name]")!.GetAttribute("value")!.StartsWith("濮阳市", StringComparison.Ordinal));
        BrowserClient.FieldsOf(again).Count(f => f.Key == "MemberIds").ShouldBe(8);
    }

    [Fact]
    public async Task AStaffMember_CannotOpenTheOrganisationPages()
    {
        await App.CreateUserAsync("pyx", Domain.Access.Role.Staff, "濮阳县");
        var staff = await App.LoginAsync("pyx");
        (await staff.GetAsync("/admin/orgs")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class OrgAdminTestsSqlite : OrgAdminTests<SqliteTestDatabase>;

public sealed class OrgAdminTestsPostgres : OrgAdminTests<PostgresTestDatabase>;
