using System.Globalization;

namespace KeyProjects.Web.Infrastructure;

/// <summary>Values as people type them into forms and ledgers, and the version a client sends back.</summary>
public static class FormValues
{
    /// <summary>
    /// An amount as typed: "12,345.6", "12，345.6" or "-3" (the rules say whether negative is allowed). Blank is null and
    /// succeeds; text that is not a number fails. Always invariant: a comma is a thousands separator, never a decimal one.
    /// </summary>
    public static bool TryAmount(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal);
        if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) return false;
        value = v;
        return true;
    }

    /// <summary>The version a form was read at (its hidden "Version" field), or null when it is missing or not a number.</summary>
    public static int? Version(IFormCollection form) =>
        int.TryParse(form["Version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
