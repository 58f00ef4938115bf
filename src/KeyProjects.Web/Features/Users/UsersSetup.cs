namespace KeyProjects.Web.Features.Users;

/// <summary>User accounts and their administration.</summary>
public static class UsersSetup
{
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddScoped<UserService>();

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app) => app.MapUserEndpoints();
}
