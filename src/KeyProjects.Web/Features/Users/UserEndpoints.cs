using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Users;

public sealed record UserInput(string? UserName, string? DisplayName, string? Password, Role Role, int OrgId, ServiceTitle? ServiceTitle = null);

public sealed record UserDto(string Id, string UserName, string DisplayName, Role Role, ServiceTitle? ServiceTitle, int OrgId, bool IsActive, int Version)
{
    public static UserDto Of(AppUser u) => new(u.Id, u.UserName!, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, u.IsActive, u.Version);

    public static UserDto Of(UserRow u) => new(u.Id, u.UserName, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId, u.IsActive, u.Version);
}

/// <summary>A change to an account (PUT /api/v1/users/{id}): the whole of what may change, with the version it was read at (or If-Match).</summary>
public sealed record UserChangeInput(string? DisplayName, Role Role, int OrgId, ServiceTitle? ServiceTitle, int? Version);

/// <summary>Accounts: administrators' pages and POST /api/v1/users.</summary>
public static class UserEndpoints
{
    public sealed class UserForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public Role Role { get; set; }
        public int OrgId { get; set; }
        public ServiceTitle? ServiceTitle { get; set; }

        public static UserForm Read(IFormCollection f) => new()
        {
            UserName = f.Text(nameof(UserName)),
            DisplayName = f.Text(nameof(DisplayName)),
            Password = f.Text(nameof(Password)),
            Role = f.Enum<Role>(nameof(Role)),
            OrgId = f.Int(nameof(OrgId)),
            ServiceTitle = f.NullableEnum<ServiceTitle>(nameof(ServiceTitle)),
        };
    }
    public sealed class ActiveForm
    {
        public bool Active { get; set; }
        /// <summary>The version the page showed; without it, the change applies to the current one (setting a state twice is harmless).</summary>
        public int? Version { get; set; }

        public static ActiveForm Read(IFormCollection f) => new() { Active = f.Bool(nameof(Active)), Version = f.NullableInt(nameof(Version)) };
    }
    public sealed class ChangeForm
    {
        public string? DisplayName { get; set; }
        public Role Role { get; set; }
        public int OrgId { get; set; }
        public ServiceTitle? ServiceTitle { get; set; }
        public int Version { get; set; }

        public static ChangeForm Read(IFormCollection f) => new()
        {
            DisplayName = f.Text(nameof(DisplayName)),
            Role = f.Enum<Role>(nameof(Role)),
            OrgId = f.Int(nameof(OrgId)),
            ServiceTitle = f.NullableEnum<ServiceTitle>(nameof(ServiceTitle)),
            Version = f.Int(nameof(Version)),
        };
    }
    public sealed class PasswordForm
    {
        public string? Password { get; set; }

        public static PasswordForm Read(IFormCollection f) => new() { Password = f.Text(nameof(Password)) };
    }

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/users", async Task<Results<Created<UserDto>, WriteProblem>> (HttpContext http, UserInput input, UserService users, UiText t, CancellationToken ct) =>
        {
            var actor = AuthSetup.ActorOf(http, "api")!;
            var result = await users.CreateAsync(actor, new NewUser(input.UserName ?? "", input.DisplayName ?? input.UserName ?? "", input.Password ?? "", input.Role, input.OrgId, input.ServiceTitle), ct);
            if (!result.Succeeded) return t.WriteProblem(result.Errors);
            var u = result.Value;
            return TypedResults.Created($"/api/v1/users/{u.Id}", UserDto.Of(u));
        }).RequireAuthorization().WithTags("Users").WithSummary("Create a user in the caller's subtree (administrators)");
        app.MapGet("/api/v1/users/{id}", async Task<Results<Ok<UserDto>, ReadProblem>> (HttpContext http, string id, UserService users, UiText t, CancellationToken ct) =>
        {
            var found = await users.FindAsync(AuthSetup.ActorOf(http, "api")!, id, ct);
            if (found is null) return t.ReadProblem([new Domain.Common.NotFound(UserService.AuditType, id)]);
            ETags.Set(http, found.Version);
            return TypedResults.Ok(UserDto.Of(found));
        }).RequireAuthorization().WithTags("Users").WithSummary("One user of the caller's subtree, with its version (administrators)");
        app.MapPut("/api/v1/users/{id}", async Task<Results<Ok<UserDto>, ChangeProblem>> (HttpContext http, string id, UserChangeInput input, UserService users, UiText t, CancellationToken ct) =>
        {
            var version = ETags.Read(http, input.Version);
            if (version.IsMissing) return t.VersionRequired();
            var result = await users.ChangeAsync(AuthSetup.ActorOf(http, "api")!, id, new UserChange(input.DisplayName ?? "", input.Role, input.OrgId, input.ServiceTitle, version.Value), ct);
            if (!result.Succeeded) return t.ChangeProblem(result.Errors, version);
            ETags.Set(http, result.Value.Version);
            return TypedResults.Ok(UserDto.Of(result.Value));
        }).RequireAuthorization().WithTags("Users")
            .WithSummary("Change a user's name, role, service title or organisation (administrators); a change of role or organisation ends the user's logins");

        var ui = app.MapGroup("/admin/users").RequireAuthorization().ExcludeFromDescription();
        ui.MapGet("/", (HttpContext http, string? q, int? page, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
            PageAsync(http.UiActor(), users, orgs, t, null, null, ct, q, page ?? 1));
        ui.MapPost("/", async (HttpContext http, IFormCollection posted, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = UserForm.Read(posted);
            var input = new NewUser(form.UserName ?? "", form.DisplayName ?? "", form.Password ?? "", form.Role, form.OrgId, form.ServiceTitle);
            var result = await users.CreateAsync(http.UiActor(), input, ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=user-created")
                : await PageAsync(http.UiActor(), users, orgs, t, input with { Password = "" }, t.ByField(result.Errors), ct);
        });
        ui.MapPost("/{id}/active", async (HttpContext http, string id, IFormCollection posted, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = ActiveForm.Read(posted);
            var result = await users.SetActiveAsync(http.UiActor(), id, form.Active, form.Version, ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=user-saved") : await PageAsync(http.UiActor(), users, orgs, t, null, t.ByField(result.Errors), ct);
        });
        ui.MapPost("/{id}/password", async (HttpContext http, string id, IFormCollection posted, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var result = await users.ResetPasswordAsync(http.UiActor(), id, PasswordForm.Read(posted).Password ?? "", ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=password") : await PageAsync(http.UiActor(), users, orgs, t, null, t.ByField(result.Errors), ct);
        });
        ui.MapGet("/{id}/edit", async (HttpContext http, string id, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
            await EditPageAsync(http.UiActor(), id, null, users, orgs, t, null, ct));
        ui.MapPost("/{id}/edit", async (HttpContext http, string id, IFormCollection posted, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = ChangeForm.Read(posted);
            var change = new UserChange(form.DisplayName ?? "", form.Role, form.OrgId, form.ServiceTitle, form.Version);
            var result = await users.ChangeAsync(http.UiActor(), id, change, ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=user-saved")
                : await EditPageAsync(http.UiActor(), id, change, users, orgs, t, t.ByField(result.Errors), ct);
        });
        return app;
    }

    private static async Task<IResult> EditPageAsync(Actor actor, string id, UserChange? input, UserService users, OrgService orgs, UiText t, Dictionary<string, string[]>? errors, CancellationToken ct)
    {
        if (!actor.Can(Permission.ManageUsers)) return Pages.ForbiddenPage(t);
        var user = await users.FindAsync(actor, id, ct);
        if (user is null) return Pages.NotFoundPage(t);
        return Pages.Render<UserEditPage>(new
        {
            User = user,
            Input = input ?? new UserChange(user.DisplayName, user.Role, user.OrgId, user.ServiceTitle, user.Version),
            Nodes = await orgs.SubtreeAsync(actor, ct),
            Errors = (IReadOnlyDictionary<string, string[]>?)errors ?? new Dictionary<string, string[]>(),
        }, errors is null ? 200 : 422);
    }

    private static async Task<IResult> PageAsync(Actor actor, UserService users, OrgService orgs, UiText t, NewUser? input, Dictionary<string, string[]>? errors, CancellationToken ct,
        string? words = null, int page = 1)
    {
        if (!actor.Can(Permission.ManageUsers)) return Pages.ForbiddenPage(t);
        return Pages.Render<UserAdminPage>(new
        {
            Users = await users.SearchAsync(actor, words, page, ct: ct),
            Nodes = await orgs.SubtreeAsync(actor, ct),
            Input = input,
            Errors = (IReadOnlyDictionary<string, string[]>?)errors ?? new Dictionary<string, string[]>(),
        }, errors is null ? 200 : 422);
    }
}
