namespace KeyProjects.Web.Features.Account;

/// <summary>Login, logout, the language switch, one's own password and the API token; authentication itself is the host's (Program.cs).</summary>
public static class AccountSetup
{
    public static IServiceCollection AddAccount(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app) => app.MapAccountEndpoints();
}
