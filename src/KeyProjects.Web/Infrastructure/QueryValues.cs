using System.Globalization;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Values of a query string as the API and the pages take them, whatever the server's culture: empty is "not given";
/// anything unreadable is named in <c>invalid</c> (the caller answers with a message at that field) and read as not given.
/// </summary>
public static class QueryValues
{
    public static int? Int(string? raw, string name, List<string> invalid)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        invalid.Add(name);
        return null;
    }

    /// <summary>An id or a count: digits only (no sign), optionally within min..max.</summary>
    public static int? Id(string? raw, string name, List<string> invalid, int min = 0, int max = int.MaxValue)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        invalid.Add(name);
        return null;
    }

    /// <summary>An enum by its name (any case); numbers and undefined names are unreadable.</summary>
    public static TEnum? Enum<TEnum>(string? raw, string name, List<string> invalid) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (System.Enum.TryParse<TEnum>(raw, true, out var v) && System.Enum.IsDefined(v) && !int.TryParse(raw, out _)) return v;
        invalid.Add(name);
        return null;
    }

    /// <summary>A month as yyyy-MM.</summary>
    public static Domain.Progress.Period? Month(string? raw, string name, List<string> invalid)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (Domain.Progress.Period.TryParse(raw, out var p)) return p;
        invalid.Add(name);
        return null;
    }

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static DateOnly? Date(string? raw, string name, List<string> invalid)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        invalid.Add(name);
        return null;
    }

    /// <summary>true/false (any case) or 1/0; not given is false.</summary>
    public static bool Bool(string? raw, string name, List<string> invalid)
    {
        if (string.IsNullOrEmpty(raw)) return false;
        if (bool.TryParse(raw, out var b)) return b;
        if (raw == "1") return true;
        if (raw == "0") return false;
        invalid.Add(name);
        return false;
    }
}
