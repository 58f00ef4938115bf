using System.Text.RegularExpressions;
using KeyProjects.Domain.Access;

namespace KeyProjects.Domain.Tests.Access;

/// <summary>
/// The rights table as a reader checks it: docs/decisions/017 prints one row per permission against the README's role
/// list; these tests fail when the document, the README and <see cref="AccessPolicy"/> disagree.
/// </summary>
public sealed partial class RightsTableTests
{
    private static string Repo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "docs", "decisions")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    /// <summary>The roles of the README's demo accounts, in its order: "系统管理员 (Admin)" gives Admin.</summary>
    private static List<string> ReadmeRoles() =>
        File.ReadAllLines(Path.Combine(Repo(), "README.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => RoleInParentheses().Match(Cells(l)[1]))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static (string[] Header, List<string[]> Rows) DecisionTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo(), "docs", "decisions", "017-scope-and-rights-in-the-domain.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| Permission |", StringComparison.Ordinal));
        start.ShouldBeGreaterThanOrEqualTo(0, "the rights table is missing from decision 017");
        var rows = lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        return (Cells(lines[start]), rows);
    }

    [Fact]
    public void ReadmeRoleList_IsEveryRole()
    {
        ReadmeRoles().Order().ShouldBe(Enum.GetNames<Role>().Order());
    }

    [Fact]
    public void DecisionTable_HasTheReadmesRolesAsItsColumns()
    {
        var (header, _) = DecisionTable();
        header[1..^1].ShouldBe(ReadmeRoles());
    }

    public static TheoryData<string> Permissions() => [.. Enum.GetNames<Permission>()];

    [Theory]
    [MemberData(nameof(Permissions))]
    public void DecisionTable_RowOfEachPermission_IsThePolicy(string name)
    {
        var permission = Enum.Parse<Permission>(name);
        var (header, rows) = DecisionTable();
        var row = rows.SingleOrDefault(r => r[0] == $"`{name}`");
        row.ShouldNotBeNull($"decision 017 has no row for {name}");
        for (var i = 1; i < header.Length - 1; i++)
        {
            var role = Enum.Parse<Role>(header[i]);
            (row[i] == "✓").ShouldBe(AccessPolicy.Allows(role, permission), $"{name} / {role}");
        }
    }

    [Fact]
    public void DecisionTable_NamesNoPermissionThatDoesNotExist()
    {
        var (_, rows) = DecisionTable();
        rows.Select(r => r[0].Trim('`')).ShouldBeSubsetOf(Enum.GetNames<Permission>());
    }

    [GeneratedRegex(@"\((\w+)\)")]
    private static partial Regex RoleInParentheses();
}
