using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using KeyProjects.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Ends every login of an account that changed (docs/SECURITY.md, "Sessions"). A cookie or bearer token carries the
/// account's security stamp as it was at login; deactivation, a password reset or change, a role or organisation change
/// and logout give the account a new stamp. Each request's stamp is compared with the account's, read from the database
/// at most once per <see cref="Interval"/> per account and server (default 5 s), so a change made on any server ends the
/// account's logins on every server within seconds, at one primary-key read per active account per interval.
/// </summary>
public sealed class AccountCheck(TimeProvider clock, IConfiguration config)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, bool Active, DateTimeOffset ReadAt)> _accounts = new(StringComparer.Ordinal);

    /// <summary>How long an account's stamp read from the database is taken as current (<c>Auth:AccountCheckSeconds</c>).</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(config.GetValue("Auth:AccountCheckSeconds", 5.0));

    /// <summary>Whether a login carrying <paramref name="stamp"/> for the account still stands.</summary>
    public async ValueTask<bool> HoldsAsync(AppDbContext db, string userId, string? stamp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_accounts.TryGetValue(userId, out var known) || now - known.ReadAt >= Interval)
        {
            var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.IsActive }).SingleOrDefaultAsync(ct);
            known = (row?.SecurityStamp, row?.IsActive == true, now);
            _accounts[userId] = known;
        }
        return known.Active && stamp is not null && string.Equals(known.Stamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Drops what this server knows of an account, after a change to it here: the next request reads it again.</summary>
    public void Forget(string userId) => _accounts.TryRemove(userId, out _);

    /// <summary>
    /// After authentication: a login whose account changed is treated as no login (the page asks to log in again, the
    /// API answers 401) and a browser's cookie is removed.
    /// </summary>
    public static IApplicationBuilder Use(IApplicationBuilder app)
    {
        var requests = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("KeyProjects.Requests");
        return app.Use(async (http, next) =>
        {
            await CheckAsync(http);
            // Every log line of the request names its user (the JSON console includes scopes).
            using var scope = http.User.Identity?.IsAuthenticated == true
                ? requests.BeginScope(new Dictionary<string, object?> { ["User"] = http.User.Identity.Name })
                : null;
            await next(http);
        });
    }

    private static async Task CheckAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var stampType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            var check = http.RequestServices.GetRequiredService<AccountCheck>();
            if (id is null || !await check.HoldsAsync(http.RequestServices.GetRequiredService<AppDbContext>(), id, user.FindFirstValue(stampType), http.RequestAborted))
            {
                if (!AuthSetup.IsApi(http.Request))
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                http.RequestServices.GetRequiredService<ILogger<AccountCheck>>().LogInformation("A login of account {UserId} ended: the account changed since ({Path}).", id, http.Request.Path.Value);
            }
        }
    }
}
