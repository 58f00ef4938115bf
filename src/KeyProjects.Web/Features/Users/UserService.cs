using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Users;

public sealed record NewUser(string UserName, string DisplayName, string Password, Role Role, int OrgId, ServiceTitle? ServiceTitle = null);

/// <summary>What an administrator may change of an account besides its activation and password; <paramref name="Version"/> is the account's version as read.</summary>
public sealed record UserChange(string DisplayName, Role Role, int OrgId, ServiceTitle? ServiceTitle, int Version);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total, int Page, int PageCount, string? Words)
{
    public const int DefaultSize = 50;
}

public sealed record UserRow(string Id, string UserName, string DisplayName, Role Role, ServiceTitle? ServiceTitle, int OrgId, string OrgName, bool IsActive, bool IsLockedOut, int Version);

/// <summary>Accounts: administrators create users inside their own subtree; every change is audited.</summary>
public sealed class UserService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, OrgService orgs, AccountCheck accounts, LoginGuard logins)
{
    public const string AuditType = "User";


    /// <summary>
    /// A page of the administrator's accounts whose login, name or organisation holds the words (all of them, in any order),
    /// in the tree's order (issue 13: a province's users were one long page).
    /// </summary>
    public async Task<UserPage> SearchAsync(Actor actor, string? words, int page, int pageSize = UserPage.DefaultSize, CancellationToken ct = default)
    {
        var terms = (words ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var all = await RowsAsync(actor, null, ct);
        var hits = all.Where(u => terms.All(w => u.UserName.Contains(w, StringComparison.OrdinalIgnoreCase)
            || u.DisplayName.Contains(w, StringComparison.OrdinalIgnoreCase) || u.OrgName.Contains(w, StringComparison.Ordinal))).ToList();
        var size = Math.Clamp(pageSize, 1, 500);
        var pages = Math.Max(1, (hits.Count + size - 1) / size);
        var current = Math.Clamp(page, 1, pages);
        return new UserPage(hits.Skip((current - 1) * size).Take(size).ToList(), hits.Count, current, pages, words?.Trim());
    }

    /// <summary>One account in the administrator's subtree, or null.</summary>
    public async Task<UserRow?> FindAsync(Actor actor, string userId, CancellationToken ct = default) =>
        (await RowsAsync(actor, userId, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<UserRow>> RowsAsync(Actor actor, string? userId, CancellationToken ct)
    {
        if (!actor.Can(Permission.ManageUsers)) return [];
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking().Where(actor.Subtree.Holding<AppUser>(u => u.Org!.Path));
        if (userId is not null) users = users.Where(u => u.Id == userId);
        var rows = await users
            .OrderBy(u => u.Org!.Path).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, OrgName = u.Org!.Name, u.IsActive, u.LockoutEnd, u.Version })
            .ToListAsync(ct);
        return rows.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, u.OrgName, u.IsActive,
            u.LockoutEnd is { } end && end > now, u.Version)).ToList();
    }

    public async Task<Result<AppUser>> CreateAsync(Actor actor, NewUser input, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageUsers)) return Result<AppUser>.Fail(new Forbidden("Error.Forbidden"));
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(input.UserName)) errors.Add(new FieldInvalid(nameof(NewUser.UserName), "Error.Required"));
        var org = await CheckAccountAsync(actor, input.DisplayName, input.Role, input.OrgId, input.ServiceTitle, errors, ct);
        if (string.IsNullOrEmpty(input.Password)) errors.Add(new FieldInvalid(nameof(NewUser.Password), "Error.Required"));
        if (errors.Count > 0) return Result<AppUser>.Fail(errors);

        var user = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = input.DisplayName.Trim(),
            Role = input.Role,
            ServiceTitle = input.ServiceTitle,
            OrgId = input.OrgId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.UnitOfWorkAsync(ct);
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded) return Result<AppUser>.Fail(IdentityErrors(created));
        AuditLog.Add(db, clock, actor, AuditType, user.UserName, org!.Path, AuditAction.Created, AuditLog.Diff(null, Snapshot(user)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>The rules an account's name, role, title and organisation follow, at creation and at every change; returns the organisation.</summary>
    private async Task<Organisation?> CheckAccountAsync(Actor actor, string? displayName, Role role, int orgId, ServiceTitle? title, List<DomainError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(displayName)) errors.Add(new FieldInvalid(nameof(NewUser.DisplayName), "Error.Required"));
        else if (displayName.Trim().Length > 50) errors.Add(new FieldInvalid(nameof(NewUser.DisplayName), "Error.TooLong", 50));
        if (!Enum.IsDefined(role)) errors.Add(new FieldInvalid(nameof(NewUser.Role), "Error.ValueUnknown"));
        if (title is { } st && (!Enum.IsDefined(st) || role != Role.ServiceOfficer))
            errors.Add(new FieldInvalid(nameof(NewUser.ServiceTitle), "Error.User.ServiceTitleOnlyForOfficers"));
        var org = await orgs.FindAsync(orgId, ct);
        if (org is null || !actor.Covers(org.Path)) errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.OrgNotInScope"));
        else if (role == Role.ProjectUnit && org.Kind != Domain.Organisations.OrgKind.ProjectUnit)
            errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.ProjectUnitNeedsUnitNode"));
        else if (role == Role.Department && org.Kind != Domain.Organisations.OrgKind.Department)
            errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.DepartmentNeedsDepartmentNode"));
        return org;
    }

    /// <summary>
    /// Changes an account's name, role, title or organisation. A change of role or organisation ends the account's logins
    /// (a new security stamp): its next request asks it to log in again, with the new rights.
    /// </summary>
    public async Task<Result<AppUser>> ChangeAsync(Actor actor, string userId, UserChange change, CancellationToken ct = default)
    {
        var (user, _, error) = await LoadAsync(actor, userId, ct);
        if (error is not null) return Result<AppUser>.Fail(error);
        if (change.Version != user!.Version) return Result<AppUser>.Fail(new ConcurrencyConflict(user.Version, [], null, null));
        if (user.Id == actor.UserId && (change.Role != user.Role || change.OrgId != user.OrgId))
            return Result<AppUser>.Fail(new RuleBroken("Error.User.CannotChangeOwnRights"));
        var errors = new List<DomainError>();
        var org = await CheckAccountAsync(actor, change.DisplayName, change.Role, change.OrgId, change.ServiceTitle, errors, ct);
        if (errors.Count > 0) return Result<AppUser>.Fail(errors);

        var before = Snapshot(user);
        var rightsChange = change.Role != user.Role || change.OrgId != user.OrgId || change.ServiceTitle != user.ServiceTitle;
        user.DisplayName = change.DisplayName.Trim();
        user.Role = change.Role;
        user.OrgId = change.OrgId;
        user.ServiceTitle = change.ServiceTitle;
        user.Version++;
        var after = Snapshot(user);
        if (AuditLog.Diff(before, after) is { Count: 0 }) return user;
        await using var tx = await db.UnitOfWorkAsync(ct);
        var saved = rightsChange ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!saved.Succeeded) return Result<AppUser>.Fail(saved.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? [new ConcurrencyConflict(change.Version, [], null, null)] : IdentityErrors(saved));
        AuditLog.Add(db, clock, actor, AuditType, user.UserName!, org!.Path, AuditAction.Updated, AuditLog.Diff(before, after));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        accounts.Forget(user.Id);
        return user;
    }

    /// <summary>Activates or deactivates an account, against the version the administrator saw (null: the current one). Deactivation ends its logins.</summary>
    public async Task<Result<AppUser>> SetActiveAsync(Actor actor, string userId, bool active, int? version = null, CancellationToken ct = default)
    {
        var (user, path, error) = await LoadAsync(actor, userId, ct);
        if (error is not null) return Result<AppUser>.Fail(error);
        if (user!.Id == actor.UserId) return Result<AppUser>.Fail(new RuleBroken("Error.User.CannotDeactivateSelf"));
        if (version is { } v && v != user.Version) return Result<AppUser>.Fail(new ConcurrencyConflict(user.Version, [], null, null));
        if (user.IsActive == active) return user;
        var before = Snapshot(user);
        user.IsActive = active;
        user.Version++;
        // A deactivated user is also locked out, so that a login already issued stops at its next security check.
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        await users.UpdateSecurityStampAsync(user);
        AuditLog.Add(db, clock, actor, AuditType, user.UserName!, path, active ? AuditAction.Activated : AuditAction.Deactivated, AuditLog.Diff(before, Snapshot(user)));
        await db.SaveChangesAsync(ct);
        accounts.Forget(user.Id);
        return user;
    }

    public async Task<Result<AppUser>> ResetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken ct = default)
    {
        var (user, path, error) = await LoadAsync(actor, userId, ct);
        if (error is not null) return Result<AppUser>.Fail(error);
        await using var tx = await db.UnitOfWorkAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user!);
        var reset = await users.ResetPasswordAsync(user!, token, newPassword);
        if (!reset.Succeeded) return Result<AppUser>.Fail(IdentityErrors(reset, "Password"));
        await users.SetLockoutEndDateAsync(user!, user!.IsActive ? null : DateTimeOffset.MaxValue);
        AuditLog.Add(db, clock, actor, AuditType, user.UserName!, path, AuditAction.PasswordReset, []);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        accounts.Forget(user.Id);
        logins.Clear(user.UserName!); // the unlock path: the name's failed logins are forgotten with the old password
        return user;
    }

    public async Task<Result<AppUser>> ChangeOwnPasswordAsync(Actor actor, string current, string next, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null) return Result<AppUser>.Fail(new NotFound(AuditType, actor.UserName));
        var path = await db.Organisations.Where(o => o.Id == user.OrgId).Select(o => o.Path).SingleAsync(ct);
        await using var tx = await db.UnitOfWorkAsync(ct);
        var changed = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (!changed.Succeeded) return Result<AppUser>.Fail(IdentityErrors(changed, "NewPassword"));
        AuditLog.Add(db, clock, actor, AuditType, user.UserName!, path, AuditAction.PasswordReset, [], reason: "self");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        accounts.Forget(user.Id);
        return user;
    }

    private async Task<(AppUser?, string, DomainError?)> LoadAsync(Actor actor, string userId, CancellationToken ct)
    {
        if (!actor.Can(Permission.ManageUsers)) return (null, "", new Forbidden("Error.Forbidden"));
        var user = await db.Users.Include(u => u.Org).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !actor.Covers(user.Org!.Path)) return (null, "", new NotFound(AuditType, userId));
        return (user, user.Org!.Path, null);
    }

    private static DomainError[] IdentityErrors(IdentityResult result, string? field = null) =>
        result.Errors.Select(e => (DomainError)new FieldInvalid(field ?? FieldOf(e.Code), "Error.Identity", e.Description)).ToArray();

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUser.Password),
        _ when code.Contains("UserName", StringComparison.Ordinal) => nameof(NewUser.UserName),
        _ => "",
    };

    private static SortedDictionary<string, string?> Snapshot(AppUser u) => new(StringComparer.Ordinal)
    {
        [nameof(u.UserName)] = u.UserName,
        [nameof(u.DisplayName)] = u.DisplayName,
        [nameof(u.Role)] = u.Role.ToString(),
        [nameof(u.ServiceTitle)] = u.ServiceTitle?.ToString(),
        [nameof(u.OrgId)] = u.OrgId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(u.IsActive)] = u.IsActive ? "true" : "false",
    };
}
