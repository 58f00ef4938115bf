using KeyProjects.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// What a person or a system sees when something goes wrong: a page in their language, or ProblemDetails for the
/// API. Never a stack trace; the details go to the log.
/// </summary>
public static class ErrorHandling
{
    public static void UseKeyProjectsErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var t = http.RequestServices.GetRequiredService<UiText>();
            var (status, titleKey, detailKey) = error switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "Problem.TooLarge", "Problem.TooLargeText"),
                BadHttpRequestException b => (b.StatusCode, "Problem.BadRequest", "Problem.BadRequestText"),
                AntiforgeryValidationException => (400, "Problem.FormExpired", "Problem.FormExpiredText"),
                OperationCanceledException => (499, "Problem.Cancelled", "Problem.CancelledText"),
                _ => (500, "Problem.Server", "Problem.ServerText"),
            };
            if (status == 500)
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KeyProjects.Errors")
                    .LogError(error, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.StatusCode = status;
            if (AuthSetup.IsApi(http.Request) || WantsJson(http.Request))
                await Results.Problem(statusCode: status, title: t.Get(titleKey), detail: t.Get(detailKey)).ExecuteAsync(http);
            else
                await Pages.Render<MessagePage>(new { Code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = t.Get(titleKey), Message = t.Get(detailKey) }, status)
                    .ExecuteAsync(http);
        }));

        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var t = http.RequestServices.GetRequiredService<UiText>();
            var status = http.Response.StatusCode;
            var (titleKey, detailKey) = status switch
            {
                401 => ("Problem.Unauthorized", "Problem.UnauthorizedText"),
                403 => ("Page.Forbidden", "Page.ForbiddenText"),
                404 => ("Page.NotFound", "Page.NotFoundText"),
                405 => ("Problem.BadRequest", "Problem.BadRequestText"),
                413 => ("Problem.TooLarge", "Problem.TooLargeText"),
                _ => ("Problem.BadRequest", "Problem.BadRequestText"),
            };
            if (AuthSetup.IsApi(http.Request) || WantsJson(http.Request))
                await Results.Problem(statusCode: status, title: t.Get(titleKey), detail: t.Get(detailKey)).ExecuteAsync(http);
            else
                await Pages.Render<MessagePage>(new { Code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = t.Get(titleKey), Message = t.Get(detailKey) }, status)
                    .ExecuteAsync(http);
        });
    }

    private static bool WantsJson(HttpRequest r) => r.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
        || r.Path.StartsWithSegments("/openapi") || r.Path.StartsWithSegments("/health");
}
