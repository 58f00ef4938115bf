using System.Globalization;
using System.Net;
using System.Text.Json;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Demo;

/// <summary>
/// Issue 13 point 8: the demo is alive on the day it is seeded, not only in 2023. For 濮阳县 the dashboard opens on this
/// year's figures with 序时进度, the month being reported lists reports in several states, the overdue problems are
/// overdue by days or weeks (not the 1,298 days of a 2023 problem), and the next 县区周例会 lies ahead.
/// </summary>
public abstract class LiveDemoTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    [Fact]
    public async Task Demo_OnTheSeedingDay_ShowsThisYearsWork() => await LiveDemoChecks.AssertAliveAsync(App);
}

/// <summary>The same on other days of the year: the demo seeded with the clock there (not the run's template day).</summary>
public abstract class LiveDemoOtherDayTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    [Theory]
    [InlineData("2026-01-12")] // December still being reported: the live year is 2025
    [InlineData("2026-03-17")] // February being reported, January's reports approved
    [InlineData("2026-08-27")] // August's window open since the 25th
    public async Task Demo_SeededOnAnyDayOfTheYear_ShowsThatYearsWork(string day)
    {
        App.Clock.Set(new DateTimeOffset(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));
        await App.WithServicesAsync(sp => sp.GetRequiredService<Features.Demo.DemoData>().SeedAsync());

        await LiveDemoChecks.AssertAliveAsync(App);
    }
}

internal static class LiveDemoChecks
{
    public static async Task AssertAliveAsync(KeyProjectsApp app)
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        using var staff = await app.LoginAsync("pyx.fgw", Features.Demo.DemoData.Password);

        var dashboard = await staff.GetAsync("/dashboard");
        dashboard.Status.ShouldBe(HttpStatusCode.OK);
        var live = Features.Demo.DemoData.LiveYear(today, Domain.Progress.ReportingSchedule.Default);
        live.ShouldNotBeNull();
        dashboard.One("#period")!.GetAttribute("value").ShouldStartWith($"{live}-", customMessage: "the dashboard opens on the year being reported, not on 2023");
        var rate = dashboard.Text("[data-testid=kpi-completion-value]");
        rate.ShouldEndWith("%");
        decimal.Parse(rate.TrimEnd('%'), CultureInfo.InvariantCulture).ShouldBeGreaterThan(0m);
        dashboard.Text("[data-testid=kpi-completion]").ShouldContain("序时进度");

        var reports = await staff.GetAsync("/reports");
        var statuses = reports.All("[data-testid=report-list] [data-testid=status]").Select(s => s.TextContent.Trim()).ToList();
        statuses.ShouldContain("审核通过");
        statuses.ShouldContain("报送");
        statuses.ShouldContain("未报");

        var overdue = await staff.GetAsync("/problems?overdue=true");
        var due = overdue.All("[data-testid=problem-row]").Select(r => DateOnly.Parse(r.QuerySelectorAll("td")[8].TextContent.Trim(), CultureInfo.InvariantCulture)).ToList();
        due.ShouldNotBeEmpty();
        due.ShouldAllBe(d => d < today && today.DayNumber - d.DayNumber < 120);
        var levels = (await staff.GetAsync("/problems")).All("[data-testid=problem-level]").Select(l => l.TextContent.Trim()).Distinct().ToList();
        for (var level = 1; level <= 5; level++)
            levels.ShouldContain(l => l.StartsWith($"第{level}级", StringComparison.Ordinal), $"level {level}");

        var api = await app.ApiClientAsync("pyx.fgw", Features.Demo.DemoData.Password);
        var meetings = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/meetings?org={await app.OrgIdAsync("濮阳县")}")).RootElement.EnumerateArray()
            .Select(m => (Status: m.GetProperty("status").GetString(), Date: DateOnly.Parse(m.GetProperty("date").GetString()!, CultureInfo.InvariantCulture))).ToList();
        meetings.ShouldContain(m => m.Status == "Scheduled" && m.Date >= today);
        meetings.ShouldContain(m => m.Status == "Held" && m.Date < today && m.Date > today.AddDays(-14));
        var tasks = JsonDocument.Parse(await api.GetStringAsync("/api/v1/meeting-tasks")).RootElement;
        tasks.GetProperty("overdue").GetInt32().ShouldBe(1);
    }
}

public sealed class LiveDemoTestsSqlite : LiveDemoTests<SqliteTestDatabase>;

public sealed class LiveDemoTestsPostgres : LiveDemoTests<PostgresTestDatabase>;

public sealed class LiveDemoOtherDayTestsSqlite : LiveDemoOtherDayTests<SqliteTestDatabase>;

public sealed class LiveDemoOtherDayTestsPostgres : LiveDemoOtherDayTests<PostgresTestDatabase>;
