using System.Globalization;
using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>
/// A recurring dispatch meeting of an organisation (县区周例会, 市级周例会, 重点项目调度会): the rung of the escalation ladder
/// it serves, its weekday, and how its agenda is chosen. Its meetings are created from it on demand, one per date.
/// </summary>
public sealed class MeetingSeries : IAudited
{
    public int Id { get; set; }
    public int OrgId { get; set; }
    public required string Name { get; set; }
    public int Level { get; set; }
    /// <summary>ISO weekday, 1 Monday … 7 Sunday.</summary>
    public int Weekday { get; set; }
    public TimeOnly? Time { get; set; }
    public decimal MarginPoints { get; set; }
    public int DeepDiveCount { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; } = 1;

    public SortedDictionary<string, string?> AuditSnapshot() => new(StringComparer.Ordinal)
    {
        [nameof(Name)] = Name,
        [nameof(OrgId)] = OrgId.ToString(CultureInfo.InvariantCulture),
        [nameof(Level)] = Level.ToString(CultureInfo.InvariantCulture),
        [nameof(Weekday)] = Weekday.ToString(CultureInfo.InvariantCulture),
        [nameof(Time)] = Time?.ToString("HH:mm", CultureInfo.InvariantCulture),
        [nameof(MarginPoints)] = MarginPoints.ToString("0.##", CultureInfo.InvariantCulture),
        [nameof(DeepDiveCount)] = DeepDiveCount.ToString(CultureInfo.InvariantCulture),
        [nameof(IsActive)] = IsActive ? "true" : "false",
    };
}
