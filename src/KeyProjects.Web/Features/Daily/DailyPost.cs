using KeyProjects.Web.Features.Audit;

namespace KeyProjects.Web.Features.Daily;

/// <summary>每日进度: what happened on site on a day, in words and photos. Several a day are fine; none is a 缺报 day.</summary>
public sealed class DailyPost : IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The China date the post is about (today, or back-filled a few days).</summary>
    public DateOnly Date { get; set; }
    public required string Text { get; set; }
    public required string AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
