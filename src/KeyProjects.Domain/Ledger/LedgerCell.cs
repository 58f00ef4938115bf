using System.Globalization;

namespace KeyProjects.Domain.Ledger;

/// <summary>Reads the values of ledger cells as people type them: "1,234.5", "２０２３年３月", 45017 (an Excel date) …</summary>
public static class LedgerCell
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A money cell in the given unit, converted to 万元. Text may carry its own unit ("3.5亿元").</summary>
    public static bool TryParseMoney(object? cell, MoneyUnit unit, out decimal wan)
    {
        wan = 0;
        decimal value;
        switch (cell)
        {
            case decimal d: value = d; break;
            case double dbl when double.IsFinite(dbl) && Math.Abs(dbl) < 1e15: value = RoundFromDouble(dbl); break;
            case int i: value = i; break;
            case long l: value = l; break;
            case string s:
                var t = LedgerText.Normalize(s).Replace(",", "", StringComparison.Ordinal);
                foreach (var (word, u) in new[] { ("万元", MoneyUnit.Wan), ("亿元", MoneyUnit.Yi), ("元", MoneyUnit.Yuan), ("万", MoneyUnit.Wan), ("亿", MoneyUnit.Yi) })
                    if (t.EndsWith(word, StringComparison.Ordinal)) { unit = u; t = t[..^word.Length]; break; }
                if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out value)) return false;
                break;
            default: return false;
        }
        wan = unit switch
        {
            MoneyUnit.Yi => value * 10_000m,
            MoneyUnit.Yuan => value / 10_000m,
            _ => value,
        };
        return true;
    }

    /// <summary>
    /// Excel stores numbers as doubles and shows them to 15 significant digits; a formula result such as 343.4 − 215
    /// arrives as 128.39999999999998. Ledger amounts have at most 15 significant digits, so the double rounded to 15
    /// digits is the number the sheet shows. (The shortest round-trip text, "R", keeps the noise.)
    /// </summary>
    private static decimal RoundFromDouble(double d) => decimal.Parse(d.ToString("G15", Invariant), NumberStyles.Float, Invariant);

    /// <summary>
    /// A date cell: a real date, an Excel serial number, or text — 2023-03-01, 2023/3/1, 2023.3.1, 20230301,
    /// 2023年3月1日, and month-only forms 2023-03, 2023.3, 2023年3月, which mean the first day of the month for starts
    /// and the last for completions.
    /// </summary>
    public static bool TryParseDate(object? cell, bool monthOnlyMeansLastDay, out DateOnly date)
    {
        date = default;
        switch (cell)
        {
            case DateTime dt: date = DateOnly.FromDateTime(dt); return true;
            case DateOnly d: date = d; return true;
            case double typed when typed is >= 1900 and < 2101 || (typed is >= 19000101 and <= 21001231 && typed == Math.Floor(typed)):
                // Excel keeps "2023.3" or "20230301" typed into a General cell as a number: read it as the text it was
                // typed as, not as the serial for 1905-07-15. A bare 2023 is a year, and stays no date.
                return TryParseDateText(RoundFromDouble(typed).ToString(Invariant), monthOnlyMeansLastDay, out date);
            case double serial when serial is >= 1 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
            case string s:
                return TryParseDateText(s, monthOnlyMeansLastDay, out date);
            default: return false;
        }
    }

    private static bool TryParseDateText(string s, bool monthOnlyMeansLastDay, out DateOnly date)
    {
        date = default;
        // "2023-03-01 00:00:00" and "2023-03-01T08:00:00", as CSV exports write dates: the time is dropped.
        var trimmed = s.Trim();
        var cut = trimmed.IndexOfAny([' ', 'T']);
        if (cut >= 8 && char.IsAsciiDigit(trimmed[cut - 1]) && cut + 1 < trimmed.Length && char.IsAsciiDigit(trimmed[cut + 1])) trimmed = trimmed[..cut];
        var t = LedgerText.Normalize(trimmed).TrimEnd('日', '号');
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
            return DateOnly.TryParseExact(t, "yyyyMMdd", Invariant, DateTimeStyles.None, out date);

        var parts = t.Split(['-', '/', '.', '年', '月'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.All(char.IsAsciiDigit) && p.Length <= 4)) return false;
        var year = int.Parse(parts[0], Invariant);
        var month = int.Parse(parts[1], Invariant);
        if (year is < 1900 or > 2100 || month is < 1 or > 12) return false;
        if (parts.Length == 2) return MonthOnly(year, month, monthOnlyMeansLastDay, out date);
        var day = int.Parse(parts[2], Invariant);
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool MonthOnly(int year, int month, bool lastDay, out DateOnly date)
    {
        date = new DateOnly(year, month, lastDay ? DateTime.DaysInMonth(year, month) : 1);
        return true;
    }

    /// <summary>Text of a cell as the ledger shows it; numbers without exponent or trailing zeros.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when double.IsFinite(d) && Math.Abs(d) < 1e28 => RoundFromDouble(d).ToString(Invariant),
        // Beyond decimal's range: show it rather than throw, so the cell is reported like any other bad value.
        double d => d.ToString("G15", Invariant),
        DateTime dt => dt.ToString("yyyy-MM-dd", Invariant),
        IFormattable f => f.ToString(null, Invariant),
        _ => cell.ToString(),
    };

    public static bool IsBlank(object? cell) => cell is null || (cell is string s && string.IsNullOrWhiteSpace(s));
}
