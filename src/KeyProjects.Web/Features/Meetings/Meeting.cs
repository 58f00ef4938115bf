using System.Globalization;
using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// One dispatch meeting: of a series on one of its dates, or ad hoc. Until it is held its agenda is worked out live; when it
/// is marked held the agenda is frozen in <see cref="AgendaJson"/> so that the record never changes afterwards.
/// </summary>
public sealed class Meeting : IAudited
{
    public long Id { get; set; }
    public int? SeriesId { get; set; }
    public int OrgId { get; set; }
    public required string Title { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? Time { get; set; }
    public int Level { get; set; }
    public decimal MarginPoints { get; set; }
    public int DeepDiveCount { get; set; }
    public MeetingStatus Status { get; set; } = MeetingStatus.Scheduled;
    public string? Attendees { get; set; }
    /// <summary>纪要: the overall minutes.</summary>
    public string? Minutes { get; set; }
    /// <summary>纪要 per agenda item, JSON object keyed by item ("project:CODE", "problem:ID").</summary>
    public string? ItemNotesJson { get; set; }
    public DateTime? HeldAtUtc { get; set; }
    /// <summary>The agenda as it stood when the meeting was held (JSON of <see cref="MeetingAgenda"/>).</summary>
    public string? AgendaJson { get; set; }
    /// <summary>Projects deep-dived at this meeting (comma-separated ids), for the series' rotation.</summary>
    public string? DeepDiveProjectIds { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; } = 1;

    public IReadOnlyList<int> DeepDived => string.IsNullOrEmpty(DeepDiveProjectIds)
        ? []
        : DeepDiveProjectIds.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    public SortedDictionary<string, string?> AuditSnapshot() => new(StringComparer.Ordinal)
    {
        [nameof(Title)] = Title,
        [nameof(Date)] = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [nameof(Time)] = Time?.ToString("HH:mm", CultureInfo.InvariantCulture),
        [nameof(Level)] = Level.ToString(CultureInfo.InvariantCulture),
        [nameof(Status)] = Status.ToString(),
        [nameof(Attendees)] = Attendees,
        [nameof(Minutes)] = Minutes,
        [nameof(ItemNotesJson)] = ItemNotesJson,
        [nameof(HeldAtUtc)] = HeldAtUtc?.ToString("O", CultureInfo.InvariantCulture),
        [nameof(DeepDiveProjectIds)] = DeepDiveProjectIds,
    };
}
