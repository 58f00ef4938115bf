using System.Globalization;
using System.Text.RegularExpressions;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Audit;

/// <summary>Audit lines in the reader's language: "年度计划投资（2023）: 40,000 → 50,000".</summary>
public static partial class AuditText
{
    public static string FieldName(UiText t, string field)
    {
        var m = Indexed().Match(field);
        if (!m.Success) return t.Has("Audit.Field." + field) ? t.Get("Audit.Field." + field) : field;
        var (name, index) = (m.Groups[1].Value, m.Groups[2].Value);
        var label = t.Has("Audit.Field." + name) ? t.Get("Audit.Field." + name) : name;
        var arg = name switch
        {
            "List" when Enum.TryParse<ProjectList>(index, out var l) => t.Enum(l),
            "Team" when Enum.TryParse<TeamRole>(index, out var r) => t.Enum(r),
            _ => index,
        };
        return $"{label}（{arg}）";
    }

    public static string Value(UiText t, string field, string? value)
    {
        if (value is null) return "—";
        var name = Indexed().Match(field) is { Success: true } m ? m.Groups[1].Value : field;
        return name switch
        {
            "Levels" => string.Join("、", value.Split(", ").Select(v => Enum.TryParse<ProjectLevel>(v, out var l) ? t.Enum(l) : v)),
            "Stage" => EnumValue<ProjectStage>(t, value),
            "Sector" => EnumValue<Sector>(t, value),
            "InvestmentKind" => EnumValue<InvestmentKind>(t, value),
            "ManagementCategory" => EnumValue<ManagementCategory>(t, value),
            "YearKind" => EnumValue<ConstructionKind>(t, value),
            "Role" => EnumValue<Domain.Access.Role>(t, value),
            "Kind" => EnumValue<Domain.Organisations.OrgKind>(t, value),
            "IsRetired" or "IsActive" => t.Get(value == "true" ? "Common.Yes" : "Common.No"),
            "TotalInvestment" or "YearPlan" => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? Display.Wan(d) : value,
            "List" => ListValue(t, value),
            _ => value,
        };
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
