using System.Globalization;
using KeyProjects.Domain.Projects;
using Microsoft.AspNetCore.WebUtilities;

namespace KeyProjects.Web.Features.Projects;

/// <summary>
/// The project list's query string, read leniently (an unknown value is ignored, never an error page) and written
/// back for links: sorting, paging, and the export that must give exactly what the page shows.
/// </summary>
public sealed record ProjectListQuery
{
    public string? Org { get; init; }
    public string? Level { get; init; }
    public string? List { get; init; }
    public string? Stage { get; init; }
    public string? Sector { get; init; }
    /// <summary>"2023"; "all" for every year; absent for the current list year.</summary>
    public string? Year { get; init; }
    public string? Kind { get; init; }
    public string? Investment { get; init; }
    public string? Q { get; init; }
    public string? Retired { get; init; }
    public string? Sort { get; init; }
    public string? Desc { get; init; }
    public string? Page { get; init; }
    public string? Size { get; init; }

    public static ProjectListQuery From(IQueryCollection q) => new()
    {
        Org = q["org"], Level = q["level"], List = q["list"], Stage = q["stage"], Sector = q["sector"], Year = q["year"],
        Kind = q["kind"], Investment = q["investment"], Q = q["q"], Retired = q["retired"], Sort = q["sort"], Desc = q["desc"],
        Page = q["page"], Size = q["size"],
    };

    public ProjectFilter ToFilter() => new()
    {
        OrgId = Int(Org),
        Level = EnumOf<ProjectLevel>(Level),
        List = EnumOf<ProjectList>(List),
        Stage = EnumOf<ProjectStage>(Stage),
        Sector = EnumOf<Sector>(Sector),
        Year = Int(Year) is { } y and >= ProjectRules.MinYear and <= ProjectRules.MaxYear ? y : null,
        AllYears = string.Equals(Year, "all", StringComparison.OrdinalIgnoreCase),
        Construction = EnumOf<ConstructionKind>(Kind),
        Investment = EnumOf<InvestmentKind>(Investment),
        Text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
        IncludeRetired = Retired is "1" or "true" or "on",
        Sort = EnumOf<ProjectSort>(Sort) ?? ProjectSort.Code,
        Descending = Desc is "1" or "true",
        Page = Int(Page) ?? 1,
        PageSize = IsAll(Size) ? ProjectFilter.AllRows : Int(Size) ?? ProjectFilter.DefaultPageSize,
    };

    private static bool IsAll(string? s) => string.Equals(s, "all", StringComparison.OrdinalIgnoreCase);

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static T? EnumOf<T>(string? s) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(s) && !int.TryParse(s, out _) && Enum.TryParse<T>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : null;

    /// <summary>The query string of this query, with empty values left out: "?org=3&amp;sort=Name".</summary>
    public string ToQueryString()
    {
        var pairs = new (string Key, string? Value)[]
        {
            ("org", Org), ("level", Level), ("list", List), ("stage", Stage), ("sector", Sector), ("year", Year), ("kind", Kind),
            ("investment", Investment), ("q", Q), ("retired", Retired), ("sort", Sort), ("desc", Desc), ("page", Page), ("size", Size),
        };
        var url = "";
        foreach (var (key, value) in pairs.Where(p => !string.IsNullOrEmpty(p.Value)))
            url = QueryHelpers.AddQueryString(url, key, value!);
        return url;
    }

    /// <summary>This query sorted by a column: the same column again flips the direction; a new sort starts on page 1.</summary>
    public ProjectListQuery SortedBy(ProjectSort sort)
    {
        var current = ToFilter();
        var desc = current.Sort == sort && !current.Descending;
        return this with { Sort = sort.ToString(), Desc = desc ? "1" : null, Page = null };
    }

    public ProjectListQuery AtPage(int page) => this with { Page = page <= 1 ? null : page.ToString(CultureInfo.InvariantCulture) };
}
