using System.Globalization;
using KeyProjects.Domain.Notices;

namespace KeyProjects.Domain.Tests.Notices;

public sealed class NoticeRulesTests
{
    [Theory]
    [InlineData("2026-11-22 07:59", "08:00", null, false)]
    [InlineData("2026-11-22 08:00", "08:00", null, true)]
    [InlineData("2026-11-22 08:00", "08:00", "2026-11-21", true)]
    [InlineData("2026-11-22 23:59", "08:00", "2026-11-22", false)]  // already sent today
    [InlineData("2026-11-23 00:10", "00:00", "2026-11-22", true)]
    [InlineData("2026-11-22 17:30", "18:00", "2026-11-20", false)]
    public void DigestDue_OnceADay_FromTheUsersTime(string now, string at, string? last, bool due) =>
        NoticeRules.DigestDue(DateTime.Parse(now, CultureInfo.InvariantCulture), TimeOnly.Parse(at, CultureInfo.InvariantCulture),
            last is null ? null : DateOnly.Parse(last, CultureInfo.InvariantCulture)).ShouldBe(due);

    [Theory]
    [InlineData(NoticeKind.ProblemAssigned, false)]
    [InlineData(NoticeKind.ProblemAnswered, false)]
    [InlineData(NoticeKind.ProblemDueSoon, true)]
    [InlineData(NoticeKind.ProblemOverdue, true)]
    [InlineData(NoticeKind.ProblemEscalated, true)]
    [InlineData(NoticeKind.TaskDueSoon, true)]
    [InlineData(NoticeKind.TaskOverdue, true)]
    [InlineData(NoticeKind.VisitShortfall, true)]
    public void IsEmailed_OnlyWhatIsDueOrOverdue(NoticeKind kind, bool emailed) => NoticeRules.IsEmailed(kind).ShouldBe(emailed);

    [Theory]
    [InlineData(NoticeKind.ProblemAssigned, false)]
    [InlineData(NoticeKind.ProblemAnswered, false)]
    [InlineData(NoticeKind.ProblemEscalated, false)]
    [InlineData(NoticeKind.ProblemDueSoon, true)]
    [InlineData(NoticeKind.ProblemOverdue, true)]
    [InlineData(NoticeKind.TaskDueSoon, true)]
    [InlineData(NoticeKind.TaskOverdue, true)]
    [InlineData(NoticeKind.VisitShortfall, true)]
    public void IsPushed_OnlyItemsDueOrOverdue(NoticeKind kind, bool pushed) => NoticeRules.IsPushed(kind).ShouldBe(pushed);

    [Theory]
    [InlineData("13800000000", "13800000000")]
    [InlineData("138 0000 0000", "13800000000")]
    [InlineData("+86 138-0000-0000", "13800000000")]
    [InlineData("8619912345678", "19912345678")]
    [InlineData("12800000000", null)]   // no 12x mobile numbers
    [InlineData("1380000000", null)]    // 10 digits
    [InlineData("0393-1234567", null)]  // a landline takes no SMS
    [InlineData("1380000000x", null)]
    [InlineData("", null)]
    public void MobileNumber_ElevenDigitsFrom13To19(string input, string? number) => NoticeRules.MobileNumber(input).ShouldBe(number);

    [Theory]
    [InlineData("/problems/7", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/\\evil", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("", false)]
    public void IsLocalLink_OnlyPathsOfThisSite(string link, bool local) => NoticeRules.IsLocalLink(link).ShouldBe(local);
}
