using System.Collections.Concurrent;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Slows password guessing without handing anyone a way to lock an account (issue 12, docs/SECURITY.md "Login"). Wrong
/// passwords are counted per user name and address: after <see cref="PairLimit"/> within <see cref="Window"/> that
/// pair is refused until the window ends — the owner logging in from elsewhere is not. Failures are also counted per
/// address: after <see cref="AddressLimit"/> the address is refused, and failures on many different user names from one
/// address (password spraying) are logged as a warning. No account is ever locked, the built-in <c>admin</c> included;
/// an administrator's password reset clears the user name's counts. The counts are each server's own (behind a load
/// balancer the limits apply per server), and so is the request-rate limit in front of them.
/// </summary>
public sealed class LoginGuard(TimeProvider clock, ILogger<LoginGuard> log)
{
    public const int PairLimit = 5;
    public const int AddressLimit = 30;
    public const int SprayNames = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed class Count
    {
        public DateTimeOffset Start;
        public int Failures;
        public HashSet<string>? Names;
        public bool Warned;
    }

    private readonly ConcurrentDictionary<string, Count> _pairs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Count> _addresses = new(StringComparer.Ordinal);

    private string? _standIn;

    /// <summary>
    /// Checks a password against a stand-in hash, made once with the installation's hasher settings: a login for a name
    /// that does not exist costs what one for a real name costs, so the answer's timing tells nothing.
    /// </summary>
    public bool CheckStandIn(Microsoft.AspNetCore.Identity.IPasswordHasher<Features.Users.AppUser> hasher, string password)
    {
        var user = new Features.Users.AppUser { DisplayName = "" };
        _standIn ??= hasher.HashPassword(user, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(user, _standIn, password);
        return false;
    }

    /// <summary>Whether a login for the name from the address is refused before its password is looked at.</summary>
    public bool IsBlocked(string? address, string userName)
    {
        var now = clock.GetUtcNow();
        return Over(_pairs, PairKey(address, userName), PairLimit, now) || Over(_addresses, AddressKey(address), AddressLimit, now);
    }

    public void Failed(string? address, string userName)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        Bump(_pairs, PairKey(address, userName), now, null);
        var count = Bump(_addresses, AddressKey(address), now, Normal(userName));
        lock (count)
        {
            if (!count.Warned && count.Names!.Count >= SprayNames)
            {
                count.Warned = true;
                log.LogWarning("Password spraying suspected: {Failures} failed logins for {Names} different user names from {Address} within {Minutes} minutes.",
                    count.Failures, count.Names.Count, AddressKey(address), Window.TotalMinutes);
            }
        }
    }

    /// <summary>A successful login clears its pair's count (the address's stays: spraying may hit one right password).</summary>
    public void Succeeded(string? address, string userName) => _pairs.TryRemove(PairKey(address, userName), out _);

    /// <summary>After an administrator resets the password: every address's count for the name starts again.</summary>
    public void Clear(string userName)
    {
        var suffix = "\n" + Normal(userName);
        foreach (var key in _pairs.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal))) _pairs.TryRemove(key, out _);
    }

    private bool Over(ConcurrentDictionary<string, Count> counts, string key, int limit, DateTimeOffset now) =>
        counts.TryGetValue(key, out var c) && now - c.Start < Window && c.Failures >= limit;

    private static Count Bump(ConcurrentDictionary<string, Count> counts, string key, DateTimeOffset now, string? name)
    {
        var count = counts.GetOrAdd(key, _ => new Count { Start = now });
        lock (count)
        {
            if (now - count.Start >= Window)
            {
                count.Start = now;
                count.Failures = 0;
                count.Names?.Clear();
                count.Warned = false;
            }
            count.Failures++;
            if (name is not null) (count.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        }
        return count;
    }

    /// <summary>Keeps memory bounded under a flood of names: expired counts go once there are many.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_pairs.Count + _addresses.Count < 10_000) return;
        foreach (var (key, c) in _pairs) if (now - c.Start >= Window) _pairs.TryRemove(key, out _);
        foreach (var (key, c) in _addresses) if (now - c.Start >= Window) _addresses.TryRemove(key, out _);
    }

    private static string Normal(string userName) => userName.Trim().ToLowerInvariant();

    private static string AddressKey(string? address) => address ?? "unknown";

    private static string PairKey(string? address, string userName) => AddressKey(address) + "\n" + Normal(userName);
}
