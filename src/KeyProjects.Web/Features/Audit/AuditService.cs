using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Audit;

public sealed record AuditFilter(string? EntityType = null, string? EntityKey = null, DateTime? FromUtc = null, DateTime? ToUtc = null, string? UserName = null, int Page = 1, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize)
{
    /// <summary>The names of the page's organisations, projects and people (never ids or logins on screen).</summary>
    public AuditNames Names { get; init; } = AuditNames.Empty;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads the audit log: only entries about the caller's subtree, newest first.</summary>
public sealed class AuditService(AppDbContext db, IAuditNames names)
{
    public async Task<Result<AuditPage>> ListAsync(Actor actor, AuditFilter f, CancellationToken ct = default)
    {
        if (!actor.Can(Permission.ViewAudit)) return Result<AuditPage>.Fail(new Forbidden("Error.Forbidden"));
        return await QueryAsync(actor, f, ct);
    }

    /// <summary>A project's history: for those who may read the audit log, and for the project's own unit.</summary>
    public Task<AuditPage> ProjectHistoryAsync(Actor actor, string code, int page, CancellationToken ct = default) =>
        QueryAsync(actor with { OrgPath = "/" }, new AuditFilter("Project", code, Page: page), ct);

    private async Task<AuditPage> QueryAsync(Actor actor, AuditFilter f, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking().Where(actor.Subtree.Holding<AuditEntry>(a => a.OrgPath));
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType);
        if (!string.IsNullOrWhiteSpace(f.EntityKey)) q = q.Where(a => a.EntityKey == f.EntityKey);
        if (!string.IsNullOrWhiteSpace(f.UserName)) q = q.Where(a => a.UserName == f.UserName);
        if (f.FromUtc is { } from) q = q.Where(a => a.AtUtc >= from);
        if (f.ToUtc is { } to) q = q.Where(a => a.AtUtc < to);
        var size = Math.Clamp(f.PageSize, 1, 500);
        var total = await q.CountAsync(ct);
        var page = Math.Clamp(f.Page, 1, Math.Max(1, (total + size - 1) / size));
        var items = await q.OrderByDescending(a => a.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new AuditPage(items, total, page, size) { Names = await names.ForAsync(items, ct) };
    }
}
