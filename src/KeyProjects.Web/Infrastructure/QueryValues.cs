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
