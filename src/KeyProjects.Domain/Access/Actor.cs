namespace KeyProjects.Domain.Access;

/// <summary>
/// Who is acting: a user with a role at a node of the organisation tree. Everything the actor sees or changes
/// lies in that node's subtree; every service asks the actor before it reads or writes.
/// </summary>
public sealed record Actor
{
    public required string UserId { get; init; }
    public required string UserName { get; init; }
    /// <summary>The person's real name (报送人, 审核人 and captions print it); the login where there is none.</summary>
    public string? DisplayName { get; init; }
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;
    public required Role Role { get; init; }
    public required int OrgId { get; init; }
    /// <summary>Materialised path of the actor's node, "/1/5/".</summary>
    public required string OrgPath { get; init; }
    public string? RemoteAddress { get; init; }
    /// <summary>How the request arrived, recorded in the audit log: "ui", "api", "import", "system".</summary>
    public string Channel { get; init; } = "ui";

    /// <summary>Whether the actor may do this somewhere in its subtree (installation-wide permissions only from the root).</summary>
    public bool Can(Permission permission) => AccessPolicy.AllowsAt(Role, permission, Subtree);

    /// <summary>The part of the tree the actor sees and acts in: its node and everything below.</summary>
    public Subtree Subtree => new(OrgPath);

    public bool Covers(string? orgPath) => Subtree.Holds(orgPath);

    /// <summary>The system itself (start-up seeding, background jobs): sees the whole tree.</summary>
    public static Actor System(string reason) => new()
    {
        UserId = "system",
        UserName = "system:" + reason,
        Role = Role.Admin,
        OrgId = 0,
        OrgPath = "/",
        Channel = "system",
    };
}
