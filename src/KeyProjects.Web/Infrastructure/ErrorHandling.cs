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
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A client's mistake (a malformed request, an expired form, a dropped connection) is not the server's error:
            // it is logged below as a warning without a stack trace, not by the middleware as an error.
            SuppressDiagnosticsCallback = context => IsClientMistake(context.Exception),
            ExceptionHandler = HandleAsync,
        });
        app.UseStatusCodePages(StatusPageAsync);
    }

    private static bool IsClientMistake(Exception? e) => e is BadHttpRequestException or AntiforgeryValidationException or OperationCanceledException;

    private static async Task HandleAsync(HttpContext http)
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
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KeyProjects.Errors");
        if (status == 500)
            log.LogError(error, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        else
            log.LogWarning("Refused {Method} {Path} with {Status}: {Reason}", http.Request.Method, http.Request.Path, status, error?.GetBaseException().Message);
        http.Response.StatusCode = status;
        // A JSON body with a value of the wrong type names the field ("$.totalInvestment" → totalInvestment).
        if (error?.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } && (AuthSetup.IsApi(http.Request) || WantsJson(http.Request)))
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [t.Format("Problem.JsonField", field)] },
                title: t.Get(titleKey), detail: t.Format("Problem.JsonField", field)).ExecuteAsync(http);
        }
        else if (AuthSetup.IsApi(http.Request) || WantsJson(http.Request))
            await Results.Problem(statusCode: status, title: t.Get(titleKey), detail: t.Get(detailKey)).ExecuteAsync(http);
        else
            await Pages.Render<MessagePage>(new { Code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = t.Get(titleKey), Message = t.Get(detailKey) }, status)
                .ExecuteAsync(http);
    }

    private static async Task StatusPageAsync(StatusCodeContext context)
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
    }

    private static bool WantsJson(HttpRequest r) => r.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
        || r.Path.StartsWithSegments("/openapi") || r.Path.StartsWithSegments("/health");
}
