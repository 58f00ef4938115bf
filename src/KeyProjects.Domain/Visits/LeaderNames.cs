namespace KeyProjects.Domain.Visits;

/// <summary>
/// A project's 分包领导 is stored by name on its team; a user is a leader of the projects whose team names them.
/// The user's display name is "地区 姓名" ("濮阳县 张振华") or just the name: the leader name is its last word
/// (docs/decisions/009-leader-visits.md).
/// </summary>
public static class LeaderNames
{
    public static string Of(string? displayName)
    {
        var parts = (displayName ?? "").Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "" : parts[^1];
    }

    /// <summary>Names on teams are typed by hand: compared without surrounding or inner spaces.</summary>
    public static string Normalize(string? name) => string.Concat((name ?? "").Where(c => !char.IsWhiteSpace(c)));

    public static bool Same(string? a, string? b) => Normalize(a).Length > 0 && string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
