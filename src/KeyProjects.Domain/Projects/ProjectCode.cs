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

    /// <summary>Upper-case, no spaces, ASCII: codes typed in full-width input mode (２３０１－４１０９２８) or with other dashes read the same.</summary>
    public static string Normalize(string? raw)
    {
        var sb = new System.Text.StringBuilder((raw ?? "").Length);
        foreach (var ch in raw ?? "")
        {
            var c = ch is >= '\uFF01' and <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch;
            if (char.IsWhiteSpace(c) || c == '\u3000') continue;
            sb.Append(c is '—' or '–' or '―' or '‐' or '‑' or '−' ? '-' : char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    public static bool IsValid(string normalized) =>
        normalized.Length is >= 4 and <= MaxLength && Allowed().IsMatch(normalized);

    public static bool IsNationalFormat(string normalized) => National().IsMatch(normalized);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$")]
    private static partial Regex Allowed();

    [GeneratedRegex(@"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")]
    private static partial Regex National();
}
