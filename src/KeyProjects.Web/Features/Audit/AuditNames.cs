namespace KeyProjects.Web.Features.Audit;

/// <summary>
/// The names an audit page shows instead of internal ids and logins: organisations by id, projects by id (code and
/// name), users by login (their real names). Built for the entries of one page.
/// </summary>
public sealed record AuditNames(Func<int, string?> Org, Func<int, (string Code, string Name)?> Project, IReadOnlyDictionary<string, string> Users)
{
    public static readonly AuditNames Empty = new(_ => null, _ => null, new Dictionary<string, string>());

    /// <summary>A person's real name, or the login where the account is gone (the trail keeps what it recorded).</summary>
    public string UserOf(string login) => Users.TryGetValue(login, out var name) && !string.IsNullOrWhiteSpace(name) ? name : login;
}

/// <summary>
/// Finds the names of an audit page's organisations, projects and people. The audit log comes before the registry in the
/// features' order, so the registry implements it (Projects/ProjectAuditNames) and the log only asks.
/// </summary>
public interface IAuditNames
{
    Task<AuditNames> ForAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct);
}
