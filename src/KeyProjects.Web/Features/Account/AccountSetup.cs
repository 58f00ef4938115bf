using System.Threading.RateLimiting;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Account;

/// <summary>Login, logout, the language switch, one's own password and the API token; authentication itself is the host's (Program.cs).</summary>
public static class AccountSetup
{
    /// <summary>The rate-limit policy of the login form and the token endpoints: requests per client address and minute.</summary>
    public const string LoginRate = "login";

    public static IServiceCollection AddAccount(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Auth:LoginRequestsPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginRate, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var t = http.RequestServices.GetRequiredService<UiText>();
                http.Response.Headers.RetryAfter = "60";
                IResult answer = AuthSetup.IsApi(http.Request)
                    ? TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: t.Get("Problem.TooManyRequests"), detail: t.Get("Login.TooManyRequests"))
                    : Pages.Render<LoginPage>(new { ReturnUrl = "/", Error = t.Get("Login.TooManyRequests") }, StatusCodes.Status429TooManyRequests);
                await answer.ExecuteAsync(http);
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app) => app.MapAccountEndpoints();
}
