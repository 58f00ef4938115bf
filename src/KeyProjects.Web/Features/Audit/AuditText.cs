using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Problems;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Domain.Visits;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Audit;

/// <summary>
/// Audit lines in the reader's language (issue 13): "年度计划投资（2023）: 40,000 → 50,000", "状态：计划召开 → 已召开",
/// "召开时间：— → 2026-11-30 15:00" — field names and values from the text catalogue, organisations and projects by name,
/// times in China time, never an internal id, a JSON blob or an enum's code name.
/// </summary>
public static partial class AuditText
{
    /// <summary>Every kind of record the log holds, in the filter's order.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "Project", "MonthlyReport", "PeriodClosure", "MonthlyPlan", "Milestone", "DailyPost", "Photo", "Problem", "Meeting", "MeetingSeries",
        "MeetingTask", "Visit", "User", "Organisation", "PeerGroup", "CalendarDay",
    ];

    public static string FieldName(UiText t, string field) => FieldName(t, "", field);

    public static string FieldName(UiText t, string entityType, string field)
    {
        var m = Indexed().Match(field);
        if (!m.Success) return Label(t, entityType, field);
        var (name, index) = (m.Groups[1].Value, m.Groups[2].Value);
        var arg = name switch
        {
            "List" when Enum.TryParse<ProjectList>(index, out var l) => t.Enum(l),
            "Team" when Enum.TryParse<TeamRole>(index, out var r) => t.Enum(r),
            "Month" when int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var month) => t.Format("Audit.MonthOf", month),
            _ => index,
        };
        return $"{Label(t, entityType, name)}（{arg}）";
    }

    /// <summary>The field's label: the record kind's own where the same name means different things, else the common one.</summary>
    private static string Label(UiText t, string entityType, string name) =>
        t.Has($"Audit.Field.{entityType}.{name}") ? t.Get($"Audit.Field.{entityType}.{name}")
        : t.Has("Audit.Field." + name) ? t.Get("Audit.Field." + name)
        : name;

    public static string Value(UiText t, string entityType, string field, string? value, AuditNames names)
    {
        if (value is null) return "—";
        var name = Indexed().Match(field) is { Success: true } m ? m.Groups[1].Value : field;
        if (name.EndsWith("AtUtc", StringComparison.Ordinal))
            return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                ? Display.Instant(at) : value;
        return (entityType, name) switch
        {
            (_, "Levels") => string.Join("、", value.Split(", ").Select(v => Enum.TryParse<ProjectLevel>(v, out var l) ? t.Enum(l) : v)),
            (_, "Stage") => EnumValue<ProjectStage>(t, value),
            (_, "Sector") => EnumValue<Sector>(t, value),
            (_, "InvestmentKind") => EnumValue<InvestmentKind>(t, value),
            (_, "ManagementCategory") => EnumValue<ManagementCategory>(t, value),
            (_, "YearKind") => EnumValue<ConstructionKind>(t, value),
            (_, "Role") => EnumValue<Domain.Access.Role>(t, value),
            (_, "ServiceTitle") => EnumValue<Domain.Access.ServiceTitle>(t, value),
            ("Organisation", "Kind") => EnumValue<Domain.Organisations.OrgKind>(t, value),
            ("MonthlyReport", "Status") => EnumValue<ReportStatus>(t, value),
            ("Problem", "Status") => EnumValue<ProblemStatus>(t, value),
            ("Meeting", "Status") => EnumValue<MeetingStatus>(t, value),
            ("MeetingTask", "Status") => EnumValue<MeetingTaskStatus>(t, value),
            (_, "StartStatus") => EnumValue<StartStatus>(t, value),
            (_, "Category") => EnumValue<ProblemCategory>(t, value),
            (_, "Source") => EnumValue<ProblemSource>(t, value),
            ("Visit", "Type") => EnumValue<VisitType>(t, value),
            ("Meeting" or "MeetingSeries", "Level") when t.Has("Meetings.Level." + value) => t.Get("Meetings.Level." + value),
            ("Problem", "Level") => t.Format("Audit.LevelOf", value),
            ("MeetingSeries", "Weekday") when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 7
                => t.Get($"Daily.Weekday.{MeetingRules.DayOfWeekOf(day)}"),
            (_, "OrgId" or "ParentId" or "OwnerOrgId") => Id(value) is { } org && names.Org(org) is { } orgName ? orgName : value,
            (_, "ProjectId") => Id(value) is { } pid && names.Project(pid) is { } p ? $"{p.Name}（{p.Code}）" : value,
            (_, "DeepDiveProjectIds") => string.Join("、", value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => Id(v) is { } pid && names.Project(pid) is { } p ? p.Name : v)),
            (_, "ItemNotesJson") => Notes(value),
            (_, "IsRetired" or "IsActive") => t.Get(value == "true" ? "Common.Yes" : "Common.No"),
            (_, "TotalInvestment" or "YearPlan" or "MonthCompleted" or "YtdCompleted" or "SinceStartCompleted" or "StatisticalYtd" or "FundsCentral"
                or "FundsProvincial" or "FundsLocal" or "FundsBankLoan" or "FundsSelfRaised" or "FundsOther")
                or ("MonthlyPlan", "Month") => Money(value),
            (_, "List") => ListValue(t, value),
            _ when value is "true" or "false" => t.Get(value == "true" ? "Common.Yes" : "Common.No"),
            _ => value,
        };
    }

    private static int? Id(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string Money(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? Display.Wan(d) : value;

    /// <summary>A meeting's notes on its agenda items: the notes themselves, not the stored JSON.</summary>
    private static string Notes(string json)
    {
        try
        {
            var notes = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            return notes is null ? "" : string.Join("；", notes.Values.Where(v => !string.IsNullOrWhiteSpace(v)));
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string EnumValue<T>(UiText t, string value) where T : struct, Enum => Enum.TryParse<T>(value, out var v) ? t.Enum(v) : value;

    private static string ListValue(UiText t, string value) => value == "Yes"
        ? t.Get("Common.Yes")
        : string.Join("；", value.Split(';').Select(part =>
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) return part;
            return kv[0] switch
            {
                "Period" => t.Format("Audit.Period", kv[1]),
                "Batch" => EnumValue<ThreeBatchesBatch>(t, kv[1]),
                "Scope" => EnumValue<ListScope>(t, kv[1]),
                "ExitedOn" => t.Format("Audit.ExitedOn", kv[1]),
                _ => part,
            };
        }));

    [GeneratedRegex(@"^(\w+)\[([^\]]+)\]$")]
    private static partial Regex Indexed();
}
