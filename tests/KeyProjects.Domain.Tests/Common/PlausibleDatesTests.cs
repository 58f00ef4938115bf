using KeyProjects.Domain.Common;
using KeyProjects.Domain.Meetings;
using KeyProjects.Domain.Milestones;

namespace KeyProjects.Domain.Tests.Common;

public sealed class PlausibleDatesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("2000-01-01", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("2056-12-31", true)]
    [InlineData("2057-01-01", false)]
    public void Holds_From2000_ToThirtyYearsAhead(string date, bool holds) => PlausibleDates.Holds(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today).ShouldBe(holds);

    [Fact]
    public void Check_NamesTheFieldAndTheYears()
    {
        var error = PlausibleDates.Check("PlannedDate", new DateOnly(1, 1, 1), Today).ShouldNotBeNull();
        (error.Field, error.MessageKey).ShouldBe(("PlannedDate", "Error.DateOutOfRange"));
        error.Args.ShouldBe([2000, 2056]);
        PlausibleDates.Check("PlannedDate", null, Today).ShouldBeNull();
    }

    [Fact]
    public void MilestonesAndMeetings_RefuseDatesOutsideTheRange()
    {
        MilestoneRules.Validate(new MilestoneDraft { Name = "封顶", PlannedDate = new DateOnly(1, 6, 30) }, Today)
            .ShouldContain(e => e.Field == "PlannedDate" && e.MessageKey == PlausibleDates.OutOfRange);
        MeetingRules.ValidateMeeting("调度会", new DateOnly(2206, 5, 1), 1, 5, Today).ShouldContain(e => e.Field == "Date" && e.MessageKey == PlausibleDates.OutOfRange);
        MeetingRules.ValidateTask(new TaskDraft { Title = "落实用地", OwnerOrgId = 1, Deadline = new DateOnly(2999, 1, 1) }, Today)
            .ShouldContain(e => e.Field == "Deadline" && e.MessageKey == PlausibleDates.OutOfRange);
    }
}
