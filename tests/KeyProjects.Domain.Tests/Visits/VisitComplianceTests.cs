using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Visits;

namespace KeyProjects.Domain.Tests.Visits;

public sealed class VisitComplianceTests
{
    private static readonly Period November = new(2026, 11);
    private static readonly DateOnly MidMonth = new(2026, 11, 22);
    private static readonly DateOnly NextMonth = new(2026, 12, 1);

    private static VisitFact V(string leader, int project, int day, int month = 11) => new(leader, project, new DateOnly(2026, month, day));

    [Theory]
    // visits to project 1, required, today → status, shortfall
    [InlineData(1, 1, "2026-12-01", ComplianceStatus.Compliant, 0)]
    [InlineData(0, 1, "2026-12-01", ComplianceStatus.NotCompliant, 1)]
    [InlineData(0, 1, "2026-11-30", ComplianceStatus.InProgress, 1)]   // last day of the month: still owed, not missed
    [InlineData(1, 2, "2026-11-22", ComplianceStatus.InProgress, 1)]   // 南乐县: twice a month, "还差 1 次"
    [InlineData(1, 2, "2026-12-01", ComplianceStatus.NotCompliant, 1)]
    [InlineData(3, 2, "2026-12-01", ComplianceStatus.Compliant, 0)]    // more than required counts once as covered
    public void Of_OneProject_StatusAndShortfall(int visits, int required, string today, ComplianceStatus status, int shortfall)
    {
        var facts = Enumerable.Range(1, visits).Select(d => V("张振华", 1, d));

        var result = VisitCompliance.Of(November, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), [new Holding("张振华", 1, required)], facts);

        var leader = result.Leaders.ShouldHaveSingleItem();
        (leader.Status, leader.Shortfall, leader.Visits).ShouldBe((status, shortfall, visits));
    }

    [Fact]
    public void Of_EveryProjectHeldMustBeCovered_AndOnlyTheLeadersOwnVisitsInTheMonthCount()
    {
        Holding[] holdings = [new("张振华", 1, 1), new("张振华", 2, 1), new("李明", 2, 1)];
        VisitFact[] visits =
        [
            V("张振华", 1, 3), V("张振华", 1, 9),   // two visits to one project do not cover the other
            V("李明", 1, 5),                        // someone else's project: not counted for 李明's project 2
            V("李明", 2, 31, month: 10),            // last month
            V("李明", 2, 1, month: 12),             // next month
        ];

        var result = VisitCompliance.Of(November, NextMonth, holdings, visits);

        var zhang = result.Leaders.Single(l => l.LeaderName == "张振华");
        (zhang.ProjectsHeld, zhang.ProjectsCovered, zhang.Visits, zhang.Status).ShouldBe((2, 1, 2, ComplianceStatus.NotCompliant));
        zhang.Shortfalls.Select(p => p.ProjectId).ShouldBe([2]);
        var li = result.Leaders.Single(l => l.LeaderName == "李明");
        (li.ProjectsHeld, li.ProjectsCovered, li.Visits).ShouldBe((1, 0, 0));
    }

    [Fact]
    public void Of_Totals_LeadersCompliantOfAll_AndCoverageRateHalfUp()
    {
        Holding[] holdings = [new("甲", 1, 1), new("甲", 2, 1), new("甲", 3, 1), new("乙", 4, 1), new("丙", 5, 2)];
        VisitFact[] visits = [V("甲", 1, 2), V("甲", 2, 2), V("乙", 4, 3), V("丙", 5, 4)];

        var result = VisitCompliance.Of(November, NextMonth, holdings, visits);

        (result.LeadersCompliant, result.LeadersTotal, result.ProjectsCovered, result.ProjectsHeld, result.Visits, result.Shortfall).ShouldBe((1, 3, 3, 5, 4, 2));
        result.CoverageRate!.Value.Printed.ShouldBe(60.0m);
        result.ComplianceRate!.Value.Printed.ShouldBe(33.3m);     // 1 of 3 = 33.33… → 33.3
        result.Leaders.Select(l => l.LeaderName).ShouldBe(["丙", "甲", "乙"]); // most owed first, then by name
    }

    [Fact]
    public void Of_ASameNameTypedWithSpaces_IsOneLeader()
    {
        var result = VisitCompliance.Of(November, MidMonth, [new Holding("张振华", 1, 1), new Holding("张 振华", 2, 1)], [V(" 张振华", 2, 5)]);

        var leader = result.Leaders.ShouldHaveSingleItem();
        (leader.ProjectsHeld, leader.ProjectsCovered).ShouldBe((2, 1));
    }

    [Fact]
    public void Of_NoProjectsHeld_HasNoRates()
    {
        var result = VisitCompliance.Of(November, MidMonth, [], [V("张振华", 1, 5)]);

        result.Leaders.ShouldBeEmpty();
        (result.CoverageRate, result.ComplianceRate).ShouldBe((null, null));
    }
}
