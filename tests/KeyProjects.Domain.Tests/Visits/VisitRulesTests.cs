using System.Globalization;
using KeyProjects.Domain.Visits;

namespace KeyProjects.Domain.Tests.Visits;

public sealed class VisitRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("2026-11-22", 31, null)]
    [InlineData("2026-10-22", 31, null)]                     // back a month: the limit
    [InlineData("2026-10-21", 31, "Error.Visit.DateTooOld")]
    [InlineData("2026-11-23", 31, "Error.Visit.DateInFuture")]
    [InlineData("2026-11-21", 0, "Error.Visit.DateTooOld")]  // today only
    public void Validate_Date_NotInTheFuture_NorFurtherBackThanAllowed(string date, int backfill, string? error)
    {
        var errors = VisitRules.Validate(DateOnly.Parse(date, CultureInfo.InvariantCulture), Today, backfill, "现场查看", []);

        errors.Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);
        errors.ShouldAllBe(e => e.Field == "Date");
    }

    [Theory]
    [InlineData(null, "Error.Visit.FindingsRequired")]
    [InlineData("  ", "Error.Visit.FindingsRequired")]
    [InlineData("x", null)]
    public void Validate_Findings_AreRequired(string? findings, string? error) =>
        VisitRules.Validate(Today, Today, 31, findings, []).Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);

    [Theory]
    [InlineData(2000, null)]
    [InlineData(2001, "Error.Visit.FindingsTooLong")]
    public void Validate_Findings_AtMostTwoThousandCharacters(int length, string? error) =>
        VisitRules.Validate(Today, Today, 31, new string('查', length), []).Select(e => e.MessageKey).ShouldBe(error is null ? [] : [error]);

    [Theory]
    [InlineData(150, 1, null)]
    [InlineData(151, 1, "Error.Visit.ProblemTooLong")]
    [InlineData(10, 20, null)]
    [InlineData(10, 21, "Error.Visit.TooManyProblems")]
    public void Validate_Problems_ShortLines_AtMostTwenty(int length, int count, string? error)
    {
        var problems = Enumerable.Repeat(new string('问', length), count).ToList();

        VisitRules.Validate(Today, Today, 31, "查看", problems).Select(e => e.MessageKey).Distinct().ShouldBe(error is null ? [] : [error]);
    }

    [Fact]
    public void ProblemLines_SplitsLines_TrimsThem_AndDropsBlankOnes() =>
        VisitRules.ProblemLines(["用地手续未办结\r\n\n  电力接入滞后 ", null, " "]).ShouldBe(["用地手续未办结", "电力接入滞后"]);

    [Theory]
    [InlineData("濮阳县 张振华", "张振华")]
    [InlineData("张振华", "张振华")]
    [InlineData("濮阳县　张振华", "张振华")]  // full-width space
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void LeaderNames_Of_IsTheLastWordOfTheDisplayName(string? displayName, string expected) =>
        LeaderNames.Of(displayName).ShouldBe(expected);

    [Theory]
    [InlineData("张振华", "张 振华", true)]
    [InlineData("张振华", "张振华 ", true)]
    [InlineData("张振华", "张振", false)]
    [InlineData("", "", false)]
    public void LeaderNames_Same_IgnoresSpaces_AndNeverMatchesEmpty(string a, string b, bool same) =>
        LeaderNames.Same(a, b).ShouldBe(same);

    public static readonly TheoryData<string[], int> Chains = new()
    {
        { ["12", "南乐县", "3", "濮阳市", "1", "河南省"], 2 },          // the county's own, by name
        { ["40", "南乐县某乡镇", "12", "南乐县", "3", "濮阳市"], 2 },     // a node below follows it
        { ["11", "濮阳县", "3", "濮阳市", "1", "河南省"], 1 },          // elsewhere the installation's
        { ["3", "濮阳市", "1", "河南省"], 1 },
        { ["7", "清丰县", "3", "濮阳市"], 3 },                          // by id
        { ["8", "台前县", "3", "濮阳市"], 1 },                          // an invalid override is ignored
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Requirement_For_TheNearestOrganisationThatSetsOne(string[] chain, int expected)
    {
        var nodes = chain.Chunk(2).Select(c => (c[0], c[1]));
        var overrides = new Dictionary<string, int?> { ["南乐县"] = 2, ["7"] = 3, ["台前县"] = 0 };

        VisitRequirement.For(nodes, overrides, 1).ShouldBe(expected);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(0, 1)]
    [InlineData(32, 1)]
    public void Requirement_For_WithoutOverrides_IsTheInstallationDefault_WhenValid(int configured, int expected) =>
        VisitRequirement.For([("1", "河南省")], new Dictionary<string, int?>(), configured).ShouldBe(expected);
}
