using KeyProjects.Domain.Meetings;

namespace KeyProjects.Web.Features.Meetings;

public sealed record SeriesInput
{
    public int? OrgId { get; init; }
    public string? Name { get; init; }
    public int? Level { get; init; }
    /// <summary>ISO weekday: 1 Monday … 7 Sunday.</summary>
    public int? Weekday { get; init; }
    public TimeOnly? Time { get; init; }
    public decimal? MarginPoints { get; init; }
    public int? DeepDiveCount { get; init; }
    /// <summary>Updates only: false stops the series.</summary>
    public bool? IsActive { get; init; }
    /// <summary>Updates only: the version read.</summary>
    public int? Version { get; init; }

    public SeriesDraft ToDraft() => new()
    {
        Name = Name ?? "",
        Level = Level ?? 0,
        Weekday = Weekday ?? 0,
        Time = Time,
        MarginPoints = MarginPoints ?? MeetingRules.DefaultMarginPoints,
        DeepDiveCount = DeepDiveCount ?? MeetingRules.DefaultDeepDiveCount,
    };
}

public sealed record SeriesDto(int Id, int OrgId, string Name, int Level, int Weekday, TimeOnly? Time, decimal MarginPoints, int DeepDiveCount, bool IsActive, int Version)
{
    public static SeriesDto From(MeetingSeries s) => new(s.Id, s.OrgId, s.Name, s.Level, s.Weekday, s.Time, s.MarginPoints, s.DeepDiveCount, s.IsActive, s.Version);
}

public sealed record MeetingInput
{
    /// <summary>A series: its meeting on <see cref="Date"/>, or its next one. Without: an ad hoc meeting of <see cref="OrgId"/>.</summary>
    public int? SeriesId { get; init; }
    public int? OrgId { get; init; }
    public string? Title { get; init; }
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public int? Level { get; init; }

    public MeetingDraft ToDraft() => new() { SeriesId = SeriesId, OrgId = OrgId, Title = Title, Date = Date, Time = Time, Level = Level };
}

public sealed record MeetingDto(long Id, int? SeriesId, int OrgId, string Title, DateOnly Date, TimeOnly? Time, int Level, decimal MarginPoints,
    int DeepDiveCount, MeetingStatus Status, string? Attendees, string? Minutes, IReadOnlyDictionary<string, string> ItemNotes, DateTime? HeldAtUtc, int Version)
{
    public static MeetingDto From(Meeting m) => new(m.Id, m.SeriesId, m.OrgId, m.Title, m.Date, m.Time, m.Level, m.MarginPoints, m.DeepDiveCount,
        m.Status, m.Attendees, m.Minutes, MeetingService.NotesOf(m), m.HeldAtUtc, m.Version);
}

public sealed record MinutesInput
{
    public string? Attendees { get; init; }
    public string? Minutes { get; init; }
    /// <summary>Minutes per agenda item, keyed "project:CODE" or "problem:ID".</summary>
    public Dictionary<string, string>? ItemNotes { get; init; }
    public int? Version { get; init; }
}

public sealed record VersionInput
{
    public int? Version { get; init; }
    /// <summary>What was done (report), or why (reject, reopen).</summary>
    public string? Note { get; init; }
}

public sealed record TaskInput
{
    public string? Title { get; init; }
    public int? OwnerOrgId { get; init; }
    public string? OwnerName { get; init; }
    /// <summary>A date, or …</summary>
    public DateOnly? Deadline { get; init; }
    /// <summary>… a number of working days from the meeting (or today, if later), counted with the working-day calendar.</summary>
    public int? WorkingDays { get; init; }
    public string? ProjectCode { get; init; }

    public TaskDraft ToDraft() => new() { Title = Title ?? "", OwnerOrgId = OwnerOrgId, OwnerName = OwnerName, Deadline = Deadline, WorkingDays = WorkingDays, ProjectCode = ProjectCode };
}

public sealed record TaskDto(long Id, long MeetingId, string MeetingTitle, string Title, int OwnerOrgId, string OwnerOrgName, string? OwnerName,
    DateOnly Deadline, string? ProjectCode, MeetingTaskStatus Status, bool Overdue, string? Report, string? VerifiedBy, DateOnly? ClosedOn, int Version)
{
    public static TaskDto From(TaskLine l) => new(l.Task.Id, l.Task.MeetingId, l.MeetingTitle, l.Task.Title, l.Task.OwnerOrgId, l.OwnerOrgName,
        l.Task.OwnerName, l.Task.Deadline, l.ProjectCode, l.Task.Status, l.Overdue, l.Task.Report, l.Task.VerifiedByName, l.Task.ClosedOn, l.Task.Version);
}

public sealed record TaskListDto(IReadOnlyList<TaskDto> Items, int Total, int Open, int Overdue, int Reported, int Closed);
