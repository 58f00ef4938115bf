using System.Security.Claims;
using KeyProjects.Domain.Access;
using Microsoft.AspNetCore.Antiforgery;

namespace KeyProjects.Web.Infrastructure;

/// <summary>What the page shell needs to know about the request: who is logged in, where we are, the form token.</summary>
public sealed class PageContext(IHttpContextAccessor accessor, IAntiforgery antiforgery)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    public Actor? Actor => AuthSetup.ActorOf(Http, "ui");

    public string DisplayName => Http.User.FindFirstValue(KeyProjectsClaims.DisplayName) ?? Http.User.Identity?.Name ?? "";

    public string Path => Http.Request.Path.Value ?? "/";

    public string PathAndQuery => Http.Request.Path + Http.Request.QueryString;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool IsEnglish => UiText.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);

    public string CsrfField => "__RequestVerificationToken";

    public string CsrfToken => antiforgery.GetAndStoreTokens(Http).RequestToken ?? "";

    public bool Can(Permission p) => Actor?.Can(p) == true;
}
