using System.Text.RegularExpressions;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Audit;

/// <summary>
/// The audit log in the user's language (issue 13): over every kind of record the demo's history holds, each a filter of
/// its own, no field is named by its code name, no value is an internal id, a JSON blob, a UTC timestamp or an enum's code
/// name, and people are named by their real names.
/// </summary>
public abstract partial class AuditLanguageTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    protected override bool DemoData => true;

    [Fact]
    public async Task EveryKindOfRecord_HasItsFilter_AndReadsInTheUsersWords_InChineseAndEnglish()
    {
        using var admin = await App.LoginAsync("demo.admin", Features.Demo.DemoData.Password);
        var log = await admin.GetAsync("/audit");
        var types = log.All("select#type option[value]").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0).ToList();
        types.ShouldContain("Meeting");
        types.ShouldContain("MeetingTask");
        types.ShouldContain("MonthlyReport");
        types.ShouldContain("Visit");

        var seen = 0;
        foreach (var english in new[] { false, true })
        {
            if (english) await admin.GetAsync("/culture/en?returnUrl=%2Faudit");
            foreach (var type in types)
            {
                var page = await admin.GetAsync($"/audit?type={type}");
                foreach (var row in page.All("[data-testid=audit-row]"))
                {
                    seen++;
                    foreach (var change in row.QuerySelectorAll("[data-testid=audit-change]"))
                    {
                        var field = change.QuerySelector("[data-testid=audit-field]")!.TextContent.Trim().TrimEnd('：');
                        var text = change.TextContent;
                        CodeName().IsMatch(field).ShouldBeFalse($"{type}: the field '{field}' is a code name ({(english ? "en" : "zh")})");
                        field.ShouldNotContain("(id)");
                        field.ShouldNotContain("编号");
                        Timestamp().IsMatch(text).ShouldBeFalse($"{type}: a UTC timestamp in '{text}'");
                        text.ShouldNotContain("{\"");
                        if (!english)
                            EnumName().IsMatch(text).ShouldBeFalse($"{type}: an English code name in '{text}'");
                    }
                }
            }
        }
        seen.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task AMeetingMarkedHeld_ReadsAsHeld_NotDeactivated_WithItsLocalTime_AndTheOperatorsRealName()
    {
        using var staff = await App.LoginAsync("pyx.fgw", Features.Demo.DemoData.Password);
        var log = await staff.GetAsync("/audit?type=Meeting");
        var held = log.All("[data-testid=audit-row]").FirstOrDefault(r => r.TextContent.Contains("召开时间"));
        held.ShouldNotBeNull("the demo marks a meeting held");
        held.QuerySelector(".badge")!.TextContent.Trim().ShouldBe("召开");
        held.TextContent.ShouldNotContain("停用");
        held.TextContent.ShouldContain("已召开");
        held.TextContent.ShouldNotContain("Held");
        // People by name, not login.
        log.All("[data-testid=audit-user]").Select(u => u.TextContent.Trim()).ShouldNotContain(u => u.Contains('.') && u.All(c => c < 128));
    }

    [GeneratedRegex(@"^[A-Za-z]+[a-z][A-Z][A-Za-z]*|^[A-Z][a-z]+[A-Z]")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(^|[\s：→])[A-Z][a-z]+([A-Z][a-z]+)*(\s|$|→)")]
    private static partial Regex EnumName();
}

public sealed class AuditLanguageTestsSqlite : AuditLanguageTests<SqliteTestDatabase>;

public sealed class AuditLanguageTestsPostgres : AuditLanguageTests<PostgresTestDatabase>;
