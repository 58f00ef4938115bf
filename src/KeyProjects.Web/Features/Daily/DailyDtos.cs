using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Photos;

namespace KeyProjects.Web.Features.Daily;

/// <summary>A post with its photos, as the timeline and the API show it.</summary>
public sealed record DailyPostView(long Id, DateOnly Date, string Text, string AuthorName, DateTime CreatedAtUtc, IReadOnlyList<PhotoInfo> Photos);

public sealed record ProjectHeader(int Id, string Code, string Name, string OrgName, DateOnly? ActualStart, DateOnly? ActualCompletion);

public sealed record DailyTimeline(ProjectHeader Project, DateOnly From, DateOnly To, IReadOnlyList<DailyPostView> Posts, bool CanPost);

public sealed record ProjectMissingDays(ProjectHeader Project, Period Month, DateOnly? DueFrom, DateOnly? DueTo, IReadOnlyList<DateOnly> Missing, int PostedDays);

/// <summary>One line of the 缺报 table: the days a post was due in the month, how many had one, how many did not.</summary>
public sealed record MissingRow(string Code, string Name, string OrgName, int DueDays, int PostedDays, int MissingDays);

public sealed record OrgMissingDays(int OrgId, string OrgName, Period Month, IReadOnlyList<MissingRow> Rows)
{
    public int DueDays => Rows.Sum(r => r.DueDays);
    public int PostedDays => Rows.Sum(r => r.PostedDays);
    public int MissingDays => Rows.Sum(r => r.MissingDays);
}

// API shapes
public sealed record DailyPostDto(long Id, string ProjectCode, DateOnly Date, string Text, string AuthorName, DateTime CreatedAtUtc, IReadOnlyList<PhotoDto> Photos)
{
    public static DailyPostDto From(string code, DailyPostView v) =>
        new(v.Id, code, v.Date, v.Text, v.AuthorName, v.CreatedAtUtc, v.Photos.Select(PhotoDto.From).ToList());
}

public sealed record MissingReportDto(int OrgId, string OrgName, string Month, int DueDays, int PostedDays, int MissingDays, IReadOnlyList<MissingRow> Projects);
