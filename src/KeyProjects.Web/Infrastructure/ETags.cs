using System.Globalization;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// The one way the API states and reads versions: a single object's answer carries <c>ETag: "&lt;version&gt;"</c> (strong:
/// If-Match compares strongly), and a client sends that tag back in <c>If-Match</c> — or the version in the body.
/// </summary>
public static class ETags
{
    public static string Of(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = Of(version);

    /// <summary>
    /// The version in an If-Match header (<c>"3"</c>; a weak <c>W/"3"</c> from an older client is read the same), or null
    /// when there is none or it names no version (<c>*</c>, a list, text).
    /// </summary>
    public static long? IfMatch(HttpContext http)
    {
        var raw = http.Request.Headers.IfMatch.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        return long.TryParse(raw.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>
    /// The version a state change was sent with. If-Match is a precondition and comes first (a stale one is 412);
    /// otherwise the body's <c>version</c> (a stale one is 409); neither is <see cref="ClientVersion.Missing"/> (428).
    /// </summary>
    public static ClientVersion Read(HttpContext http, int? bodyVersion) =>
        IfMatch(http) is { } tag ? new ClientVersion((int)Math.Min(tag, int.MaxValue), VersionSource.IfMatch)
        : bodyVersion is { } v ? new ClientVersion(v, VersionSource.Body)
        : ClientVersion.Missing;
}

public enum VersionSource { None, Body, IfMatch }

/// <summary>The version a client read, and where it sent it (which decides between 412 and 409 when it is stale).</summary>
public readonly record struct ClientVersion(int Value, VersionSource Source)
{
    public static ClientVersion Missing => new(0, VersionSource.None);

    public bool IsMissing => Source == VersionSource.None;
}
