using KeyProjects.Domain.Calendar;

namespace KeyProjects.Domain.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    static readonly WorkingCalendar Cal = WorkingCalendar.Default;

    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-23", true)]   // Monday
    [InlineData("2026-11-22", false)]  // Sunday
    [InlineData("2026-10-01", false)]  // 国庆
    [InlineData("2026-10-10", true)]   // Saturday worked (调休)
    [InlineData("2026-09-20", true)]   // Sunday worked (调休)
    [InlineData("2026-02-16", false)]  // 春节, a Monday
    [InlineData("2026-02-14", true)]   // Saturday worked before 春节
    [InlineData("2026-01-04", true)]   // Sunday worked after 元旦
    [InlineData("2023-04-05", false)]  // 清明 on a Wednesday
    [InlineData("2023-06-25", true)]   // Sunday worked after 端午
    [InlineData("2020-01-31", false)]  // 春节 extended in 2020
    [InlineData("2024-02-18", true)]
    [InlineData("2025-04-27", true)]
    [InlineData("2027-02-08", false)]  // provisional: 初三 of 2027
    public void IsWorkingDay_FollowsTheStateCouncilArrangement(string date, bool working)
    {
        Cal.IsWorkingDay(D(date)).ShouldBe(working);
    }

    [Theory]
    [InlineData("2026-11-23", 3, "2026-11-26")] // Mon + 3 → Thu
    [InlineData("2026-11-20", 3, "2026-11-25")] // Fri + 3 skips the weekend → Wed
    [InlineData("2026-09-30", 3, "2026-10-10")] // Wed before 国庆: 10-08 Thu, 10-09 Fri, 10-10 the worked Saturday
    [InlineData("2026-11-23", 0, "2026-11-23")] // on the spot
    [InlineData("2026-11-22", 0, "2026-11-23")] // raised on a Sunday, on the spot means the next working day
    [InlineData("2026-02-13", 1, "2026-02-14")] // Friday before 春节 + 1 → the worked Saturday
    [InlineData("2026-02-14", 1, "2026-02-24")] // the worked Saturday + 1 → after the nine-day holiday
    public void AddWorkingDays_CountsFromTheNextDay(string start, int days, string expected)
    {
        Cal.AddWorkingDays(D(start), days).ShouldBe(D(expected));
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23", 0)]
    [InlineData("2026-11-20", "2026-11-23", 1)]
    [InlineData("2026-09-30", "2026-10-12", 4)] // 10-08, 10-09, 10-10 (调休), 10-12
    [InlineData("2026-11-26", "2026-11-23", -3)]
    public void WorkingDaysBetween_CountsDaysAfterTheStartUpToTheEnd(string from, string to, int expected)
    {
        Cal.WorkingDaysBetween(D(from), D(to)).ShouldBe(expected);
    }

    [Fact]
    public void AdministratorsCorrection_WinsOverTheShippedDay()
    {
        var corrected = new WorkingCalendar(ChineseHolidays.All.Concat([
            new CalendarDay(D("2027-02-09"), DayKind.Holiday, "春节"),
            new CalendarDay(D("2027-02-08"), DayKind.Ordinary, "改为工作日"),
        ]));

        corrected.IsWorkingDay(D("2027-02-09")).ShouldBeFalse();
        corrected.IsWorkingDay(D("2027-02-08")).ShouldBeTrue();
        Cal.IsWorkingDay(D("2027-02-09")).ShouldBeTrue();
    }

    [Fact]
    public void ShippedYears_CoverEveryYearFrom2020To2027_AndOnlyMakeUpDaysOnWeekends()
    {
        var years = ChineseHolidays.All.Select(d => d.Date.Year).Distinct().Order().ToList();
        years.ShouldBe([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
        foreach (var m in ChineseHolidays.All.Where(d => d.Kind == DayKind.MakeUpWorkday))
            m.Date.DayOfWeek.ShouldBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
        ChineseHolidays.All.Select(d => d.Date).Distinct().Count().ShouldBe(ChineseHolidays.All.Count);
    }

    [Theory]
    [InlineData(2024, 251)] // 262 weekdays − 19 holidays on weekdays + 8 worked weekend days
    [InlineData(2025, 248)] // 365 − 104 weekend days − 13 statutory holidays (two more from 2025)
    public void WorkingDaysInAYear_MatchThePublishedCounts(int year, int expected)
    {
        var count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
            if (Cal.IsWorkingDay(d)) count++;
        count.ShouldBe(expected);
    }
}
