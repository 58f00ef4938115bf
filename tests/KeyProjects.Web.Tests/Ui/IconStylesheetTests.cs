using System.Text.RegularExpressions;
using KeyProjects.Web.Tests.Infrastructure;

namespace KeyProjects.Web.Tests.Ui;

/// <summary>
/// The icon stylesheet holds only the icons the sources use (tools/frontend/icons-css.mjs, issue 13 "Page weight"): a
/// page that starts using another <c>ti-NAME</c> shows nothing until the stylesheet is made again, so this test fails
/// first and says how.
/// </summary>
public sealed partial class IconStylesheetTests
{
    [Fact]
    public void EveryIconTheSourcesUse_IsInTheIconStylesheet()
    {
        var source = SourceFolders.Web;
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/wwwroot/lib/", StringComparison.Ordinal))
            .SelectMany(f => IconName().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        var stylesheet = File.ReadAllText(Path.Combine(SourceFolders.WebRoot, "lib", "tabler-icons", "tabler-icons.css"));
        var drawn = DrawnIcon().Matches(stylesheet).Select(m => m.Groups[1].Value).ToHashSet();

        used.ShouldContain("printer");
        used.Where(n => !drawn.Contains(n)).Order().ShouldBeEmpty("icons used in src/ but missing from wwwroot/lib/tabler-icons/tabler-icons.css: run tools/frontend/fetch.sh @tabler/icons");
    }

    // The same pattern as tools/frontend/icons-css.mjs.
    [GeneratedRegex(@"(?<![a-z0-9-])ti-([a-z0-9]+(?:-[a-z0-9]+)*)")]
    private static partial Regex IconName();

    [GeneratedRegex(@"^\.ti-([a-z0-9-]+)\{--ti:url\(""data:image/svg\+xml,", RegexOptions.Multiline)]
    private static partial Regex DrawnIcon();
}
