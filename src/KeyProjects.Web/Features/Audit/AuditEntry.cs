namespace KeyProjects.Web.Features.Audit;

/// <summary>One change to business data: who, when, from where, to what, and field by field old → new.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public string? RemoteAddress { get; set; }
    /// <summary>"Project", "User", "Organisation", "PeerGroup".</summary>
    public required string EntityType { get; set; }
    /// <summary>The key people know the record by: the project code, the user name, the organisation id.</summary>
    public required string EntityKey { get; set; }
    /// <summary>The organisation path the record belonged to, so each user reads only the history of their subtree.</summary>
    public required string OrgPath { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>How the change arrived: "ui", "api", "import", "system".</summary>
    public required string Channel { get; set; }
    /// <summary>The record's version after the change, to tell a writer what changed since they read it.</summary>
    public int? EntityVersion { get; set; }
    /// <summary>Why, where the action asks for a reason (retiring, restoring, resetting a password).</summary>
    public string? Reason { get; set; }
    /// <summary>JSON array of {field, old, new}.</summary>
    public required string Changes { get; set; }
}

public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Retired = 3,
    Restored = 4,
    Deleted = 5,
    PasswordReset = 6,
    Locked = 7,
    Unlocked = 8,
    Submitted = 9,
    Approved = 10,
    Returned = 11,
    Reopened = 12,
    /// <summary>A user account switched off (Locked is a report or period locked).</summary>
    Deactivated = 13,
    Activated = 14,
    /// <summary>A meeting marked held.</summary>
    Held = 15,
}

/// <summary>Marks entities whose every change must be written with an <see cref="AuditEntry"/> in the same save.</summary>
public interface IAudited;
