using System.Net;
using System.Net.Http.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Users;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyProjects.Web.Tests.Security;

/// <summary>
/// Issue 12, point 6: one message for every failed login, the same work whether the name exists or not, wrong passwords
/// throttled per name and address (never an account lock that anyone could set off), a request-rate limit per address,
/// password spraying logged, and an administrator's reset as the unlock path.
/// </summary>
public abstract class LoginTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.66");
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.20");

    [Fact]
    public async Task UnknownName_WrongPassword_AndDeactivatedAccount_GetTheSameAnswer_AfterTheSamePasswordCheck()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        await App.CreateUserAsync("leaver", Role.Staff, "濮阳县");
        await App.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var leaver = (await users.FindByNameAsync("leaver"))!;
            leaver.IsActive = false;
            await users.UpdateAsync(leaver);
        });
        var checks = new CountingHasher();
        await using var app = App.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<IPasswordHasher<AppUser>>();
            s.AddSingleton<IPasswordHasher<AppUser>>(checks);
        }));
        var client = app.CreateClient();

        var answers = new List<string>();
        foreach (var (name, password) in new[] { ("nobody", "Whatever-2026"), ("pyx", "Wrong-pass-2026"), ("leaver", KeyProjectsApp.Password) })
        {
            var before = checks.Verified;
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password });
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, name);
            answers.Add((await response.JsonAsync()).Str("detail"));
            (checks.Verified - before).ShouldBe(1, $"{name}: one password check, as for any name");
        }
        answers.Distinct().ShouldBe(["用户名或密码不正确。"]);
    }

    [Fact]
    public async Task FiveWrongPasswords_StopThatNameFromThatAddress_NotTheOwnerElsewhere_AndTheAdministratorIsNeverLocked()
    {
        await using var attacker = RemoteAddress.From(App, Attacker);
        await using var office = RemoteAddress.From(App, Office);
        var bad = attacker.CreateClient();
        foreach (var name in new[] { "admin", "admin", "admin", "admin", "admin" })
            (await bad.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = "Guess-2026" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var sixth = await bad.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
        sixth.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "from the guessing address even the right password waits 15 minutes");
        (await sixth.JsonAsync()).Str("detail").ShouldStartWith("该用户名在本机上的登录失败次数过多");

        var owner = await office.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
        owner.StatusCode.ShouldBe(HttpStatusCode.OK, "the administrator logs in from the office all the same");

        App.Clock.Advance(TimeSpan.FromMinutes(15));
        (await bad.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAdministratorsPasswordReset_LiftsTheThrottleOnTheName()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        var client = App.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "pyx", password = "Wrong-pass-2026" });
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "pyx", password = KeyProjectsApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var id = await App.WithServicesAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("pyx"))!.Id);
        await App.WithServicesAsync(sp => sp.GetRequiredService<UserService>().ResetPasswordAsync(Actor.System("test"), id, "Reset-pass-2026"));

        (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "pyx", password = "Reset-pass-2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MoreThanSixtyLoginRequestsAMinuteFromOneAddress_Are429_OnTheApiAndTheForm()
    {
        await using var flood = RemoteAddress.From(App, Attacker);
        var client = flood.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"user{i}", password = "Guess-2026" })).StatusCode);

        statuses.Take(60).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[60].ShouldBe(HttpStatusCode.TooManyRequests);
        var api = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
        api.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        api.Headers.RetryAfter.ShouldNotBeNull();
        (await api.JsonAsync()).Str("detail").ShouldBe("登录请求过于频繁，请 1 分钟后再试。");
        var form = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = "x" }));
        form.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await form.Content.ReadAsStringAsync()).ShouldContain("登录请求过于频繁");

        var elsewhere = await RemoteAddress.From(App, Office).CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = KeyProjectsApp.AdminPassword });
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OneTryEachOnTenNamesFromOneAddress_IsLoggedAsPasswordSpraying()
    {
        await using var sprayer = RemoteAddress.From(App, Attacker);
        var client = sprayer.CreateClient();
        for (var i = 0; i < 10; i++)
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = $"staff{i}", password = "Spring-2026" });

        App.Logs.Lines.ShouldContain(l => l.Contains("Password spraying suspected") && l.Contains("203.0.113.66"));
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
        private int _verified;

        public int Verified => _verified;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class LoginTestsSqlite : LoginTests<SqliteTestDatabase>;

public sealed class LoginTestsPostgres : LoginTests<PostgresTestDatabase>;
