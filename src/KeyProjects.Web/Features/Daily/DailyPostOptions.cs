using KeyProjects.Domain.Daily;

namespace KeyProjects.Web.Features.Daily;

/// <summary>Configuration section "DailyPosts".</summary>
public sealed class DailyPostOptions
{
    public const string Section = "DailyPosts";

    /// <summary>How many days back a post may be dated (0: today only).</summary>
    public int BackfillDays { get; set; } = DailyPostRules.DefaultBackfillDays;
}
