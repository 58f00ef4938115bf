using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Audit;
using KeyProjects.Web.Data;

namespace KeyProjects.Web.Features.Audit;

/// <summary>Writes audit entries into the same unit of work as the change they describe.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AuditEntry Add(AppDbContext db, TimeProvider clock, Actor actor, string entityType, string entityKey, string orgPath,
        AuditAction action, IReadOnlyList<FieldChange> changes, int? version = null, string? reason = null)
    {
        var entry = Create(clock, actor, entityType, entityKey, orgPath, action, changes, version, reason);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>An entry not yet added to any context, for writers that insert many rows at once (BulkWriter).</summary>
    public static AuditEntry Create(TimeProvider clock, Actor actor, string entityType, string entityKey, string orgPath,
        AuditAction action, IReadOnlyList<FieldChange> changes, int? version = null, string? reason = null) =>
        new()
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            UserName = actor.UserName,
            RemoteAddress = actor.RemoteAddress,
            EntityType = entityType,
            EntityKey = entityKey,
            OrgPath = orgPath,
            Action = action,
            Channel = actor.Channel,
            EntityVersion = version,
            Reason = reason,
            Changes = JsonSerializer.Serialize(changes, Json),
        };

    /// <summary>Fills in an entry written before the database gave the record its key (same transaction).</summary>
    public static void Complete(AuditEntry entry, string entityKey, string orgPath, IReadOnlyList<FieldChange> changes, int? version)
    {
        entry.EntityKey = entityKey;
        entry.OrgPath = orgPath;
        entry.Changes = JsonSerializer.Serialize(changes, Json);
        entry.EntityVersion = version;
    }

    public static IReadOnlyList<FieldChange> Diff(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?> after)
    {
        var fields = (before?.Keys ?? []).Union(after.Keys).Order(StringComparer.Ordinal);
        return FieldChanges.Merge(fields.Select(f => new FieldChange(f,
            before is not null && before.TryGetValue(f, out var o) ? o : null,
            after.TryGetValue(f, out var n) ? n : null)));
    }

    public static IReadOnlyList<FieldChange> ChangesOf(AuditEntry entry) =>
        JsonSerializer.Deserialize<List<FieldChange>>(entry.Changes, Json) ?? [];
}
