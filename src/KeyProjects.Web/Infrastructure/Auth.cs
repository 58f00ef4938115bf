using System.Globalization;
using System.Security.Claims;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Infrastructure;

public static class KeyProjectsClaims
{
    public const string Role = "kp:role";
    public const string OrgId = "kp:org";
    public const string OrgPath = "kp:orgpath";
    public const string DisplayName = "kp:name";
}

/// <summary>Login for people (a cookie) and for systems (a bearer token from /api/v1/auth/token), both from Identity.</summary>
public static class AuthSetup
{
    public const string Smart = "KeyProjects";

    public static IServiceCollection AddKeyProjectsAuth(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                IsApi(ctx.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "kp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The idle timeout by role (issue 12): an administrator's login ends after 30 idle minutes, anyone else's after
            // 8 hours (Auth:IdleMinutes:Admin / Auth:IdleMinutes:Other). Sliding renewal keeps each login's own span.
            o.Events.OnSigningIn = context =>
            {
                var config = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>();
                var admin = context.Principal?.FindFirstValue(KeyProjectsClaims.Role) == nameof(Role.Admin);
                var minutes = admin ? config.GetValue("Auth:IdleMinutes:Admin", 30.0) : config.GetValue("Auth:IdleMinutes:Other", 480.0);
                var issued = context.Properties.IssuedUtc ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.ExpiresUtc = issued.AddMinutes(minutes);
                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No account lockout: anyone could lock anyone, the administrator included. Wrong passwords are
                // throttled per name and address instead (Infrastructure/LoginGuard.cs).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<KeyProjectsClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();
        services.AddAuthorization();
        services.AddSingleton<AccountCheck>();
        services.AddSingleton<LoginGuard>();
        return services;
    }

    /// <summary>Authentication, then the account check that ends logins of changed accounts (<see cref="AccountCheck"/>).</summary>
    public static IApplicationBuilder UseKeyProjectsAuth(this IApplicationBuilder app) => AccountCheck.Use(app.UseAuthentication());

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The acting user of a request, or null when nobody is logged in.</summary>
    public static Actor? ActorOf(HttpContext http, string channel)
    {
        var u = http.User;
        if (u.Identity?.IsAuthenticated != true) return null;
        var id = u.FindFirstValue(ClaimTypes.NameIdentifier);
        var path = u.FindFirstValue(KeyProjectsClaims.OrgPath);
        if (id is null || path is null
            || !Enum.TryParse<Role>(u.FindFirstValue(KeyProjectsClaims.Role), out var role)
            || !int.TryParse(u.FindFirstValue(KeyProjectsClaims.OrgId), CultureInfo.InvariantCulture, out var orgId))
            return null;
        return new Actor
        {
            UserId = id,
            UserName = u.Identity.Name ?? id,
            DisplayName = u.FindFirstValue(KeyProjectsClaims.DisplayName),
            Role = role,
            OrgId = orgId,
            OrgPath = path,
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString(),
            Channel = channel,
        };
    }
}

/// <summary>Puts role and organisation into the login, so that no request needs a database round trip to know its actor.</summary>
public sealed class KeyProjectsClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var path = await db.Organisations.Where(o => o.Id == user.OrgId).Select(o => o.Path).SingleAsync();
        identity.AddClaim(new Claim(KeyProjectsClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(KeyProjectsClaims.OrgId, user.OrgId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(KeyProjectsClaims.OrgPath, path));
        identity.AddClaim(new Claim(KeyProjectsClaims.DisplayName, user.DisplayName));
        return identity;
    }
}

/// <summary>Identity's messages (password too short, name taken …) in the user's language.</summary>
public sealed class LocalizedIdentityErrors(UiText text) : IdentityErrorDescriber
{
    private IdentityError E(string code, params object[] args) => new() { Code = code, Description = text.Format("Identity." + code, args) };

    public override IdentityError DefaultError() => E(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch));
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), userName ?? "");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), userName);
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), uniqueChars);
}

/// <summary>Logout: this browser's cookie, and every other login of the account with it (a new security stamp).</summary>
public static class SignOutExtensions
{
    public static async Task SignOutEverywhereAsync(this HttpContext http)
    {
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        if (id is null) return;
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(id) is { } user) await users.UpdateSecurityStampAsync(user);
        http.RequestServices.GetRequiredService<AccountCheck>().Forget(id);
    }
}
