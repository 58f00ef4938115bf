using KeyProjects.Domain.Common;
using KeyProjects.Domain.Daily;
using KeyProjects.Domain.Progress;

namespace KeyProjects.Domain.Tests.Daily;

public sealed class DailyPostRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("2026-11-22", 3, null)]
    [InlineData("2026-11-19", 3, null)]                  // back-filled three days: the limit
    [InlineData("2026-11-18", 3, "Error.Daily.DateTooOld")]
    [InlineData("2026-11-23", 3, "Error.Daily.DateInFuture")]
    [InlineData("2026-11-21", 0, "Error.Daily.DateTooOld")] // no back-filling allowed
    [InlineData("2026-11-22", 0, null)]
    public void Validate_Date_FromTodayBackTheAllowedDays(string date, int backfill, string? error)
    {
        var errors = DailyPostRules.Validate("基础施工", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today, backfill);

        errors.Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);
        errors.ShouldAllBe(e => e.Field == "Date");
    }

    [Theory]
    [InlineData(null, "Error.Daily.TextRequired")]
    [InlineData("", "Error.Daily.TextRequired")]
    [InlineData("   \n ", "Error.Daily.TextRequired")]
    [InlineData("x", null)]
    public void Validate_Text_IsRequired(string? text, string? error) =>
        DailyPostRules.Validate(text, Today, Today, 3).Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1001, "Error.Daily.TextTooLong")]
    public void Validate_Text_AtMostAThousandCharacters(int length, string? error)
    {
        var errors = DailyPostRules.Validate(new string('进', length), Today, Today, 3);

        errors.Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);
        if (error is not null) errors[0].ShouldBeOfType<FieldInvalid>().Args.ShouldBe([1000, length]);
    }

    [Theory]
    // month, actual start, actual completion, today, posted days → missing days
    [InlineData("2026-11", "2026-01-01", null, "2026-11-05", "1,3", "2,4,5")]          // started long ago: from the 1st to today
    [InlineData("2026-11", "2026-11-03", null, "2026-11-05", "", "3,4,5")]             // started this month: from the start
    [InlineData("2026-11", null, null, "2026-11-05", "", "")]                          // not started: nothing is due
    [InlineData("2026-11", "2026-12-01", null, "2026-11-05", "", "")]                  // starts later
    [InlineData("2026-12", "2026-01-01", null, "2026-11-05", "", "")]                  // a month not yet begun
    [InlineData("2026-10", "2026-01-01", null, "2026-11-05", "", "1-31")]              // a past month: every day
    [InlineData("2026-10", "2026-01-01", "2026-10-03", "2026-11-05", "2", "1,3")]      // completed on the 3rd
    [InlineData("2026-10", "2026-01-01", "2026-09-30", "2026-11-05", "", "")]          // completed before the month
    [InlineData("2026-02", "2026-02-28", null, "2026-11-05", "", "28")]                // last day of February
    [InlineData("2026-11", "2026-11-05", null, "2026-11-05", "5", "")]                 // posted today
    public void MissingDays_FromActualStartOrMonthStart_UpToToday(string month, string? start, string? completion, string today, string posted, string expected)
    {
        Period.TryParse(month, out var period).ShouldBeTrue();
        var postedDays = Days(period, posted).ToHashSet();

        var missing = DailyPostRules.MissingDays(period, Date(start), Date(completion), Date(today)!.Value, postedDays);

        missing.ShouldBe(Days(period, expected).ToList());
    }

    private static DateOnly? Date(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"1,3" or "1-31" as days of the month.</summary>
    private static IEnumerable<DateOnly> Days(Period month, string spec)
    {
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-').Select(int.Parse).ToArray();
            for (var d = range[0]; d <= range[^1]; d++) yield return new DateOnly(month.Year, month.Month, d);
        }
    }
}
