using KeyProjects.Domain.Common;
using KeyProjects.Domain.Milestones;
using KeyProjects.Domain.Tests.Common;

namespace KeyProjects.Domain.Tests.Milestones;

public sealed class MilestoneRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static MilestoneDraft Valid() => new() { Name = "主体封顶", Owner = "县住建局", PlannedDate = new DateOnly(2026, 12, 31), SortOrder = 1 };

    private static IReadOnlyList<DomainError> Check(MilestoneDraft d) => MilestoneRules.Validate(d, Today).ToList();

    [Fact]
    public void Validate_WhenDraftIsValid_ReportsNothing() => Check(Valid()).ShouldBeEmpty();

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Validate_NameLength_AtMost100(int length, bool ok)
    {
        var errors = Check(Valid() with { Name = new string('节', length) });
        if (ok) errors.ShouldBeEmpty();
        else errors.ShouldBeSingleFieldError("Name", "Error.TooLong").Args.ShouldBe([100]);
    }

    [Theory]
    [InlineData("", "Name", "Error.Required")]
    [InlineData("   ", "Name", "Error.Required")]
    public void Validate_BlankName_IsRequired(string name, string field, string key) =>
        Check(Valid() with { Name = name }).ShouldBeSingleFieldError(field, key);

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Validate_OwnerLength_AtMost50(int length, bool ok)
    {
        var errors = Check(Valid() with { Owner = new string('单', length) });
        if (ok) errors.ShouldBeEmpty();
        else errors.ShouldBeSingleFieldError("Owner", "Error.TooLong");
    }

    [Fact]
    public void Validate_WithoutPlannedDate_IsRequired() =>
        Check(Valid() with { PlannedDate = null }).ShouldBeSingleFieldError("PlannedDate", "Error.Required");

    [Theory]
    [InlineData("2026-11-22", true)]
    [InlineData("2026-11-23", false)]
    public void Validate_ActualDate_NotAfterToday(string actual, bool ok)
    {
        var errors = Check(Valid() with { ActualDate = DateOnly.Parse(actual, System.Globalization.CultureInfo.InvariantCulture) });
        if (ok) errors.ShouldBeEmpty();
        else errors.ShouldBeSingleFieldError("ActualDate", "Error.DateInFuture");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(9999, true)]
    [InlineData(10000, false)]
    public void Validate_SortOrder_InRange(int order, bool ok)
    {
        var errors = Check(Valid() with { SortOrder = order });
        if (ok) errors.ShouldBeEmpty();
        else errors.ShouldBeSingleFieldError("SortOrder", "Error.Milestone.SortOrderRange");
    }

    public static TheoryData<MilestoneChangeReason?, string?, string?, string?> DateChanges => new()
    {
        { null, null, "ReasonCode", "Error.Milestone.ReasonRequired" },
        { (MilestoneChangeReason)42, null, "ReasonCode", "Error.Milestone.ReasonRequired" },
        { MilestoneChangeReason.Other, null, "ReasonNote", "Error.Milestone.OtherNeedsNote" },
        { MilestoneChangeReason.Other, "  ", "ReasonNote", "Error.Milestone.OtherNeedsNote" },
        { MilestoneChangeReason.Other, "业主要求", null, null },
        { MilestoneChangeReason.Land, null, null, null },
        { MilestoneChangeReason.Weather, "", null, null },
        { MilestoneChangeReason.Funds, new string('因', 501), "ReasonNote", "Error.TooLong" },
    };

    [Theory]
    [MemberData(nameof(DateChanges))]
    public void ValidateDateChange_WhenTheDateMoves_NeedsACodedReason(MilestoneChangeReason? code, string? note, string? field, string? key)
    {
        var errors = MilestoneRules.ValidateDateChange(new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30), new DateChangeReason(code, note)).ToList();
        if (field is null) errors.ShouldBeEmpty();
        else errors.ShouldBeSingleFieldError(field, key!);
    }

    [Fact]
    public void ValidateDateChange_WhenTheDateStays_NeedsNoReason() =>
        MilestoneRules.ValidateDateChange(new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30), null).ShouldBeEmpty();

    [Theory]
    // baseline, planned, actual, asOf, days late
    [InlineData("2026-06-30", "2026-06-30", null, "2026-06-01", 0)]          // on plan, not due
    [InlineData("2026-06-30", "2026-07-15", null, "2026-06-01", 15)]         // moved later
    [InlineData("2026-06-30", "2026-06-20", null, "2026-06-01", -10)]        // moved earlier: ahead
    [InlineData("2026-06-30", "2026-06-30", null, "2026-06-30", 0)]          // due today
    [InlineData("2026-06-30", "2026-06-30", null, "2026-07-10", 10)]         // overdue: as late as today at least
    [InlineData("2026-06-30", "2026-07-15", null, "2026-07-10", 15)]         // moved, not yet due
    [InlineData("2026-06-30", "2026-07-15", "2026-07-05", "2026-08-01", 5)]  // done: actual counts
    [InlineData("2026-06-30", "2026-06-30", "2026-06-25", "2026-08-01", -5)] // done early
    [InlineData("2024-02-28", "2024-02-28", "2024-03-01", "2024-04-01", 2)]  // across a leap day
    public void DaysLate_AgainstTheBaseline(string baseline, string planned, string? actual, string asOf, int expected) =>
        MilestoneRules.DaysLate(D(baseline), D(planned), actual is null ? null : D(actual), D(asOf)).ShouldBe(expected);

    [Theory]
    [InlineData("2026-06-30", null, "2026-06-29", false)]
    [InlineData("2026-06-30", null, "2026-06-30", false)] // due today is not overdue
    [InlineData("2026-06-30", null, "2026-07-01", true)]
    [InlineData("2026-06-30", "2026-07-05", "2026-08-01", false)] // done late: late, not overdue
    public void IsOverdue_WhenThePlannedDatePassedWithNothingDone(string planned, string? actual, string asOf, bool expected) =>
        MilestoneRules.IsOverdue(D(planned), actual is null ? null : D(actual), D(asOf)).ShouldBe(expected);

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
