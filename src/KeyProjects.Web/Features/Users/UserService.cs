using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Users;

public sealed record NewUser(string UserName, string DisplayName, string Password, Role Role, int OrgId, ServiceTitle? ServiceTitle = null);

public sealed record UserRow(string Id, string UserName, string DisplayName, Role Role, ServiceTitle? ServiceTitle, int OrgId, string OrgName, bool IsActive, bool IsLockedOut);

/// <summary>Accounts: administrators create users inside their own subtree; every change is audited.</summary>
public sealed class UserService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, OrgService orgs)
{
    public const string AuditType = "User";

    public async Task<IReadOnlyList<UserRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageUsers)) return [];
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .Where(actor.Subtree.Holding<AppUser>(u => u.Org!.Path))
            .OrderBy(u => u.Org!.Path).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, OrgName = u.Org!.Name, u.IsActive, u.LockoutEnd })
            .ToListAsync(ct);
        return rows.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, u.OrgName, u.IsActive,
            u.LockoutEnd is { } end && end > now)).ToList();
    }

    public async Task<Result<AppUser>> CreateAsync(Actor actor, NewUser input, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ManageUsers)) return Result<AppUser>.Fail(new Forbidden("Error.Forbidden"));
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(input.UserName)) errors.Add(new FieldInvalid(nameof(NewUser.UserName), "Error.Required"));
        if (string.IsNullOrWhiteSpace(input.DisplayName)) errors.Add(new FieldInvalid(nameof(NewUser.DisplayName), "Error.Required"));
        else if (input.DisplayName.Trim().Length > 50) errors.Add(new FieldInvalid(nameof(NewUser.DisplayName), "Error.TooLong", 50));
        if (!Enum.IsDefined(input.Role)) errors.Add(new FieldInvalid(nameof(NewUser.Role), "Error.ValueUnknown"));
        if (input.ServiceTitle is { } st && (!Enum.IsDefined(st) || input.Role != Role.ServiceOfficer))
            errors.Add(new FieldInvalid(nameof(NewUser.ServiceTitle), "Error.User.ServiceTitleOnlyForOfficers"));
        var org = await orgs.FindAsync(input.OrgId, ct);
        if (org is null || !actor.Covers(org.Path)) errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.OrgNotInScope"));
        else if (input.Role == Role.ProjectUnit && org.Kind != Domain.Organisations.OrgKind.ProjectUnit)
            errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.ProjectUnitNeedsUnitNode"));
        else if (input.Role == Role.Department && org.Kind != Domain.Organisations.OrgKind.Department)
            errors.Add(new FieldInvalid(nameof(NewUser.OrgId), "Error.User.DepartmentNeedsDepartmentNode"));
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

    public async Task<Result<AppUser>> SetActiveAsync(Actor actor, string userId, bool active, CancellationToken ct = default)
    {
        var (user, path, error) = await LoadAsync(actor, userId, ct);
        if (error is not null) return Result<AppUser>.Fail(error);
        if (user!.Id == actor.UserId) return Result<AppUser>.Fail(new RuleBroken("Error.User.CannotDeactivateSelf"));
        if (user.IsActive == active) return user;
        var before = Snapshot(user);
        user.IsActive = active;
        // A deactivated user is also locked out, so that a login already issued stops at its next security check.
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        await users.UpdateSecurityStampAsync(user);
        AuditLog.Add(db, clock, actor, AuditType, user.UserName!, path, active ? AuditAction.Unlocked : AuditAction.Locked, AuditLog.Diff(before, Snapshot(user)));
        await db.SaveChangesAsync(ct);
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
