using System.Net;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Security;

/// <summary>Issue 12, point 8: the commonest passwords and passwords holding the user name are refused, in both languages, wherever a password is set.</summary>
public abstract class PasswordRuleTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Theory]
    [InlineData("password1")]
    [InlineData("qwerty123")]
    [InlineData("QWERTY123")]
    [InlineData("woaini1314")]
    [InlineData("1qaz2wsx")]
    public async Task ACommonPassword_IsRefused_AndNoUserIsCreated(string password)
    {
        var admin = await App.ApiClientAsync("admin");

        var response = await admin.PostJsonAsync("/api/v1/users", new { userName = "nl.staff", displayName = "南乐", password, role = "Staff", orgId = await App.OrgIdAsync("南乐县") });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Password").EnumerateArray().Select(e => e.GetString())
            .ShouldContain("这是常见密码，很容易被猜中，请换一个。");
        (await admin.GetAsync("/api/v1/audit?entityType=User&entityKey=nl.staff")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await admin.GetAsync("/api/v1/audit?entityType=User&entityKey=nl.staff")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task APasswordHoldingTheUserName_IsRefused_InTheUsersLanguage()
    {
        var admin = await App.ApiClientAsync("admin");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await admin.PostJsonAsync("/api/v1/users", new { userName = "zhangsan", displayName = "张三", password = "Zhangsan-2026", role = "Staff", orgId = await App.OrgIdAsync("南乐县") });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("Password").EnumerateArray().Select(e => e.GetString())
            .ShouldContain("The password must not contain the user name.");
    }

    [Fact]
    public async Task ChangingOnesOwnPassword_ToACommonOne_IsRefusedOnTheForm_WhichNamesTheRules()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var browser = await App.LoginAsync("pyx");
        var form = await browser.GetAsync("/account/password");
        form.Html.ShouldContain("不能是常见密码");

        var page = await browser.PostFormAsync("/account/password", "/account/password",
            new Dictionary<string, string> { ["CurrentPassword"] = KeyProjectsApp.Password, ["NewPassword"] = "password123" });

        page.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.Html.ShouldContain("这是常见密码，很容易被猜中，请换一个。");
        (await App.ApiClientAsync("pyx")).ShouldNotBeNull("the old password still works");
    }
}

public sealed class PasswordRuleTestsSqlite : PasswordRuleTests<SqliteTestDatabase>;

public sealed class PasswordRuleTestsPostgres : PasswordRuleTests<PostgresTestDatabase>;
