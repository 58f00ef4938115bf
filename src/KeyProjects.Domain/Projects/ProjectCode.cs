using System.Text.RegularExpressions;

namespace KeyProjects.Domain.Projects;

/// <summary>
/// The lifetime project code (项目代码). Most key projects carry the national investment-project code
/// (YYMM-行政区划-行业-类型-流水号, e.g. 2301-410928-04-01-512345); older or local lists use their own codes,
/// so any code of letters, digits and hyphens is accepted. Codes are compared upper-case, without spaces.
/// </summary>
public static partial class ProjectCode
{
    public const int MaxLength = 40;

    public static string Normalize(string? raw) =>
        (raw ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace('－', '-').Replace('—', '-').ToUpperInvariant();

    public static bool IsValid(string normalized) =>
        normalized.Length is >= 4 and <= MaxLength && Allowed().IsMatch(normalized);

    public static bool IsNationalFormat(string normalized) => National().IsMatch(normalized);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")]
    private static partial Regex National();
}
