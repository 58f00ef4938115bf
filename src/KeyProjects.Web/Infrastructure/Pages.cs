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
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
