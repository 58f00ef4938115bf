using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Projects;

/// <summary>The audit log's names (issue 13): organisations and projects from the registry snapshot, people from their accounts.</summary>
public sealed class ProjectAuditNames(AppDbContext db, ProjectIndex index) : IAuditNames
{
    public async Task<AuditNames> ForAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var s = await index.CurrentAsync(db, ct);
        var logins = entries.Select(e => e.UserName).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        return new AuditNames(
            id => s.Orgs.TryGetValue(id, out var o) ? o.Name : null,
            id => s.ById.TryGetValue(id, out var p) ? (p.Code, p.Name) : null,
            users);
    }
}
