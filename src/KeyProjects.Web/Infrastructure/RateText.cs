using System.Globalization;
using KeyProjects.Domain.Progress;

namespace KeyProjects.Web.Infrastructure;

/// <summary>Rates as the bulletins print them: their own decimals, "%" or signed points, a dash when there is none.</summary>
public static class RateText
{
    public static string Percent(Rate? r) => r is { } v ? Number(v) + "%" : "—";

    public static string Points(Rate? r, string unit = "") => r is { } v ? (v.Printed > 0 ? "+" : "") + Number(v) + unit : "—";

    public static string Number(Rate v) => v.Printed.ToString("F" + v.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
