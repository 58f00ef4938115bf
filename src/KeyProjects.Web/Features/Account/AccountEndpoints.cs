using KeyProjects.Web.Features.Users;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Account;

/// <summary>Login and logout for people, the language switch, one's own password, and the bearer-token endpoint for systems.</summary>
public static class AccountEndpoints
{
    public sealed class LoginForm
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public bool Remember { get; set; }
        public string? ReturnUrl { get; set; }

        public static LoginForm Read(IFormCollection f) => new()
        {
            UserName = f.Text(nameof(UserName)),
            Password = f.Text(nameof(Password)),
            Remember = f.Bool(nameof(Remember)),
            ReturnUrl = f.Text(nameof(ReturnUrl)),
        };
    }

    public sealed record TokenRequest(string? UserName, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed class PasswordForm
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }

        public static PasswordForm Read(IFormCollection f) => new() { CurrentPassword = f.Text(nameof(CurrentPassword)), NewPassword = f.Text(nameof(NewPassword)) };
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (string? returnUrl) => Pages.Render<LoginPage>(new { ReturnUrl = Pages.SafeReturnUrl(returnUrl) })).ExcludeFromDescription();
        app.MapPost("/login", LoginAsync).ExcludeFromDescription().RequireRateLimiting(AccountSetup.LoginRate);
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutEverywhereAsync();
            return Results.Redirect("/login");
        }).ExcludeFromDescription();
        app.MapGet("/denied", (UiText t) => Pages.ForbiddenPage(t)).ExcludeFromDescription();
        app.MapGet("/culture/{culture}", (HttpContext http, string culture, string? returnUrl) =>
        {
            var chosen = UiText.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)) ?? UiText.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            return Results.Redirect(Pages.SafeReturnUrl(returnUrl));
        }).ExcludeFromDescription();

        var account = app.MapGroup("/account").RequireAuthorization().ExcludeFromDescription();
        account.MapGet("/password", () => Pages.Render<ChangePasswordPage>(new { }));
        account.MapPost("/password", async (HttpContext http, IFormCollection posted, UserService users, SignInManager<AppUser> signIn, UiText t, CancellationToken ct) =>
        {
            var form = PasswordForm.Read(posted);
            var result = await users.ChangeOwnPasswordAsync(http.UiActor(), form.CurrentPassword ?? "", form.NewPassword ?? "", ct);
            if (!result.Succeeded) return Pages.Render<ChangePasswordPage>(new { Errors = t.ByField(result.Errors) }, 422);
            // The new password ended every login of the account; this browser gets a new one, the others log in again.
            await signIn.RefreshSignInAsync(result.Value);
            return Results.Redirect("/projects?done=password");
        });

        app.MapPost("/api/v1/auth/token", TokenAsync).WithTags("Auth").AllowAnonymous().RequireRateLimiting(AccountSetup.LoginRate)
            .WithSummary("Exchange a user name and password for a bearer token (8 hours)")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapPost("/api/v1/auth/refresh", RefreshAsync).WithTags("Auth").AllowAnonymous().RequireRateLimiting(AccountSetup.LoginRate)
            .WithSummary("Exchange a refresh token (14 days) for a new bearer token, while the account is active and unchanged")
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IFormCollection posted, SignInManager<AppUser> signIn, LoginGuard guard, UiText t)
    {
        var form = LoginForm.Read(posted);
        var returnUrl = Pages.SafeReturnUrl(form.ReturnUrl);
        var (ok, message) = await PasswordSignInAsync(http, signIn, guard, form.UserName, form.Password, form.Remember, t);
        if (ok) return Results.Redirect(returnUrl);
        return Pages.Render<LoginPage>(new { ReturnUrl = returnUrl, form.UserName, Error = message }, StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> TokenAsync(HttpContext http, TokenRequest request, SignInManager<AppUser> signIn, LoginGuard guard, UiText t)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var (ok, message) = await PasswordSignInAsync(http, signIn, guard, request.UserName, request.Password, persistent: false, t);
        // On success the bearer handler has already written {tokenType, accessToken, expiresIn, refreshToken}.
        return ok ? TypedResults.Empty : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: t.Get("Problem.Unauthorized"), detail: message);
    }

    /// <summary>
    /// A new access token for a refresh token, as Identity's own API does it: the token must be unexpired and its account
    /// active with the security stamp it was issued under (deactivation, password or rights changes and logout end it).
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, UiText t)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsActive: true } user)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: t.Get("Problem.Unauthorized"), detail: t.Get("Login.RefreshRefused"));
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    /// <summary>
    /// One login rule for people and systems (docs/SECURITY.md "Login"): every failure — unknown name, wrong password,
    /// deactivated account — gets the same message after the same work (an unknown name's password is checked against a
    /// stand-in hash), and failures are throttled per name and address (<see cref="LoginGuard"/>) instead of locking the
    /// account, so nobody can lock another out.
    /// </summary>
    private static async Task<(bool Ok, string? Message)> PasswordSignInAsync(HttpContext http, SignInManager<AppUser> signIn, LoginGuard guard,
        string? userName, string? password, bool persistent, UiText t)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return (false, t.Get("Login.Missing"));
        var name = userName.Trim();
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (guard.IsBlocked(address, name)) return (false, t.Get("Login.Throttled"));
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(name);
        var passwordOk = user is null ? guard.CheckStandIn(users.PasswordHasher, password) : await users.CheckPasswordAsync(user, password);
        if (!passwordOk || user is null || !user.IsActive)
        {
            guard.Failed(address, name);
            return (false, t.Get("Login.Failed"));
        }
        await signIn.SignInAsync(user, persistent);
        guard.Succeeded(address, name);
        return (true, null);
    }
}
