using System.Globalization;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Reads a posted form's fields into a form class, as the minimal-API form binder would: a missing field is the type's
/// default, a value that cannot be read answers 400 (BadHttpRequestException, shown as the bad-request page or
/// ProblemDetails). Handlers take the <see cref="IFormCollection"/> and call the form's <c>Read</c>, so that their request
/// delegates are generated at compile time (a bound form class is compiled from expression trees at every start).
/// </summary>
public static class PostedForm
{
    public static string? Text(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    public static List<string> Texts(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : [];

    public static int Int(this IFormCollection form, string name) => form.NullableInt(name) ?? 0;

    /// <summary>A number, or null when the field is missing or empty.</summary>
    public static int? NullableInt(this IFormCollection form, string name) =>
        form.Text(name) is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(name, text);

    /// <summary>Every value posted under the name (check boxes, a multiple select), each read as a number.</summary>
    public static int[] Ints(this IFormCollection form, string name) =>
        form.Texts(name).Where(t => t.Length > 0).Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(name, t)).ToArray();

    /// <summary>A check box or a hidden "true"/"false"; absent is false.</summary>
    public static bool Bool(this IFormCollection form, string name) =>
        form.Text(name) is not { Length: > 0 } text ? false
        : bool.TryParse(text, out var value) ? value
        : throw Bad(name, text);

    public static T Enum<T>(this IFormCollection form, string name) where T : struct, Enum =>
        form.NullableEnum<T>(name) ?? default;

    public static T? NullableEnum<T>(this IFormCollection form, string name) where T : struct, Enum =>
        form.Text(name) is not { Length: > 0 } text ? null
        : System.Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value
        : throw Bad(name, text);

    /// <summary>
    /// The rows of a table posted as <c>Prefix[0].Field</c>, <c>Prefix[1].Field</c>…, from 0 up to the first index that no
    /// field carries, each read by <paramref name="read"/> with a function from field name to value.
    /// </summary>
    public static List<T> Rows<T>(this IFormCollection form, string prefix, Func<Func<string, string?>, T> read)
    {
        var rows = new List<T>();
        for (var i = 0; ; i++)
        {
            var start = $"{prefix}[{i.ToString(CultureInfo.InvariantCulture)}].";
            if (!form.Keys.Any(k => k.StartsWith(start, StringComparison.OrdinalIgnoreCase))) return rows;
            rows.Add(read(field => form.Text(start + field)));
        }
    }

    private static BadHttpRequestException Bad(string name, string text) =>
        new($"The form field '{name}' cannot be read from '{text}'.", StatusCodes.Status400BadRequest);
}
