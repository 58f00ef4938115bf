using KeyProjects.Domain.Audit;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Audit;

public sealed record AuditEntryDto(long Id, DateTime At, string UserName, string? RemoteAddress, string EntityType, string EntityKey,
    AuditAction Action, string Channel, int? Version, string? Reason, IReadOnlyList<FieldChange> Changes);

public sealed record AuditListDto(IReadOnlyList<AuditEntryDto> Items, int Total, int Page, int PageSize);

/// <summary>The audit log: a page for people who may read it, and GET /api/v1/audit.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", async (HttpContext http, string? type, string? key, string? user, int? page, AuditService audit, UiText t, CancellationToken ct) =>
        {
            var result = await audit.ListAsync(http.UiActor(), new AuditFilter(type, key, UserName: user, Page: page ?? 1), ct);
            return result.Succeeded
                ? Pages.Render<AuditLogPage>(new { Data = result.Value, Type = type, Key = key, User = user })
                : Pages.ForbiddenPage(t);
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/api/v1/audit", ListApiAsync)
            .RequireAuthorization().WithTags("Audit").WithSummary("Who changed what, when, from where (field: old → new)");
        return app;
    }

    private static async Task<Results<Ok<AuditListDto>, ReadProblem>> ListApiAsync(HttpContext http, string? entityType, string? entityKey, DateTime? from, DateTime? to,
        string? user, int? page, int? pageSize, AuditService audit, UiText t, CancellationToken ct)
    {
        var actor = AuthSetup.ActorOf(http, "api")!;
        var filter = new AuditFilter(entityType, entityKey, from?.ToUniversalTime(), to?.ToUniversalTime(), user, page ?? 1, pageSize ?? 50);
        var result = await audit.ListAsync(actor, filter, ct);
        if (!result.Succeeded) return t.ReadProblem(result.Errors);
        var p = result.Value;
        return TypedResults.Ok(new AuditListDto(p.Items.Select(e => new AuditEntryDto(e.Id, DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.UserName,
            e.RemoteAddress, e.EntityType, e.EntityKey, e.Action, e.Channel, e.EntityVersion, e.Reason, AuditLog.ChangesOf(e))).ToList(), p.Total, p.Page, p.PageSize));
    }
}
