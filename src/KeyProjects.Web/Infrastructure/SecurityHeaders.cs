namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// The headers every response carries (docs/SECURITY.md "Headers"): a Content-Security-Policy under which scripts come
/// only from the app's own files (no inline script, no eval: the pages' small behaviours are in /js/app.js, htmx runs
/// with eval and its injected styles off), no framing, no MIME sniffing, no referrer to other sites. Styles allow
/// inline style attributes ('unsafe-inline' for style-src only): Tabler's markup and the charts set them, and a style
/// cannot run code.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "geolocation=(), microphone=(), camera=(self)";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
