using System.Globalization;
using KeyProjects.Domain.Common;

namespace KeyProjects.Web.Infrastructure;

/// <summary>How figures are shown on screen, the way the ledgers and bulletins write them.</summary>
public static class Display
{
    /// <summary>万元 with thousands separators and at most two decimals: 1,234,567.89.</summary>
    public static string Wan(decimal? wan) => wan is { } v ? Rounding.HalfUp(v, 2).ToString("#,##0.##", CultureInfo.CurrentCulture) : "";

    /// <summary>亿元 as the articles print them: 796.5, 261.35, 120.03.</summary>
    public static string Yi(decimal? wan) => wan is { } v ? Rounding.HalfUp(Money.ToYi(v), 2).ToString("#,##0.##", CultureInfo.CurrentCulture) : "";

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Int(int n) => n.ToString("#,##0", CultureInfo.CurrentCulture);

    /// <summary>A UTC instant shown in China Standard Time, which is where every user of this system is.</summary>
    public static string Instant(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), ChinaTime)
        .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static readonly TimeZoneInfo ChinaTime = FindChinaTime();

    private static TimeZoneInfo FindChinaTime()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time"); }
    }

    /// <summary>Today's date in China, from the injected clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime).DateTime);

    /// <summary>The UTC instant a day ends in China (no daylight saving there): what "as of that date" means.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) => day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);

    /// <summary>Invariant text of a number for inputs and files: "1234.5".</summary>
    public static string Invariant(decimal? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
