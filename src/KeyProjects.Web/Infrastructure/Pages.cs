using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;

namespace KeyProjects.Web.Infrastructure;

/// <summary>Small helpers for endpoints that answer with a page.</summary>
public static class Pages
{
    public static RazorComponentResult Render<TComponent>(object parameters, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    /// <summary>The logged-in user of a UI request. Endpoints under RequireAuthorization always have one.</summary>
    public static Actor UiActor(this HttpContext http) =>
        AuthSetup.ActorOf(http, "ui") ?? throw new InvalidOperationException("A UI endpoint ran without a valid login.");

    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers["HX-Request"] == "true" && request.Headers["HX-History-Restore-Request"] != "true";

    public static IResult NotFoundPage(UiText t) =>
        Render<MessagePage>(new { Code = "404", Title = t.Get("Page.NotFound"), Message = t.Get("Page.NotFoundText") }, StatusCodes.Status404NotFound);

    public static IResult ForbiddenPage(UiText t, string? message = null) =>
        Render<MessagePage>(new { Code = "403", Title = t.Get("Page.Forbidden"), Message = message ?? t.Get("Page.ForbiddenText") }, StatusCodes.Status403Forbidden);

    /// <summary>Only local paths are followed after login or a language switch (no open redirects).</summary>
    public static string SafeReturnUrl(string? url) => IsLocalPath(url) ? AsciiOnly(url!) : "/";

    /// <summary>Non-ASCII characters percent-encoded as UTF-8 (a Location header is ASCII; "/projects?q=濮阳" stays that search).</summary>
    private static string AsciiOnly(string url)
    {
        if (System.Text.Ascii.IsValid(url)) return url;
        var sb = new System.Text.StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii) { sb.Append((char)rune.Value); continue; }
            var n = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..n]) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// A path on this site: starts with one '/', not "//" or "/\\" (another host), and holds no control character or
    /// white space, which browsers drop ("/\t/evil.example" is "//evil.example") and which cannot go into a header.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.AsSpan().ContainsAny(UnsafeInPath);

    private static readonly System.Buffers.SearchValues<char> UnsafeInPath = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(i => (char)i)) + "\u007f\u0085\u00a0\u2028\u2029\u3000");
}
