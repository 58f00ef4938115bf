using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Users;

public sealed record UserInput(string? UserName, string? DisplayName, string? Password, Role Role, int OrgId, ServiceTitle? ServiceTitle = null);

public sealed record UserDto(string Id, string UserName, string DisplayName, Role Role, ServiceTitle? ServiceTitle, int OrgId);

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

        public static ActiveForm Read(IFormCollection f) => new() { Active = f.Bool(nameof(Active)) };
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
            return TypedResults.Created($"/api/v1/users/{u.Id}", new UserDto(u.Id, u.UserName!, u.DisplayName, u.Role, u.ServiceTitle, u.OrgId));
        }).RequireAuthorization().WithTags("Users").WithSummary("Create a user in the caller's subtree (administrators)");

        var ui = app.MapGroup("/admin/users").RequireAuthorization().ExcludeFromDescription();
        ui.MapGet("/", (HttpContext http, UserService users, OrgService orgs, UiText t, CancellationToken ct) => PageAsync(http.UiActor(), users, orgs, t, null, null, ct));
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
            var result = await users.SetActiveAsync(http.UiActor(), id, ActiveForm.Read(posted).Active, ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=user-saved") : await PageAsync(http.UiActor(), users, orgs, t, null, t.ByField(result.Errors), ct);
        });
        ui.MapPost("/{id}/password", async (HttpContext http, string id, IFormCollection posted, UserService users, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var result = await users.ResetPasswordAsync(http.UiActor(), id, PasswordForm.Read(posted).Password ?? "", ct);
            return result.Succeeded ? Results.Redirect("/admin/users?done=password") : await PageAsync(http.UiActor(), users, orgs, t, null, t.ByField(result.Errors), ct);
        });
        return app;
    }

    private static async Task<IResult> PageAsync(Actor actor, UserService users, OrgService orgs, UiText t, NewUser? input, Dictionary<string, string[]>? errors, CancellationToken ct)
    {
        if (!actor.Can(Permission.ManageUsers)) return Pages.ForbiddenPage(t);
        return Pages.Render<UserAdminPage>(new
        {
            Users = await users.ListAsync(actor, ct),
            Nodes = await orgs.SubtreeAsync(actor, ct),
            Input = input,
            Errors = (IReadOnlyDictionary<string, string[]>?)errors ?? new Dictionary<string, string[]>(),
        }, errors is null ? 200 : 422);
    }
}
