using System.Text.RegularExpressions;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Media;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>Every word a user sees comes from the catalogue, in both languages.</summary>
public sealed partial class TextCatalogueTests
{
    private static readonly UiText Text = new();

    private static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KeyProjects.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src");
        }
    }

    [Fact]
    public void EveryKeyTheCodeUses_IsInTheCatalogue()
    {
        var used = Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value))
            .Where(k => !k.EndsWith('.'))
            .Distinct().ToList();

        used.Count.ShouldBeGreaterThan(200);
        used.Where(k => !Text.Has(k)).ShouldBeEmpty();
    }

    /// <summary>The audit log names each kind of record: every audit type the code writes has its label.</summary>
    [Fact]
    public void EveryAuditType_HasItsLabel()
    {
        var types = typeof(AuditEntry).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name == "AuditType" || f.Name.EndsWith("Audit", StringComparison.Ordinal)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct().ToList();

        types.ShouldContain("Problem");
        types.ShouldContain("MeetingTask");
        types.Where(t => !Text.Has("Audit.Type." + t)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(typeof(Role))]
    [InlineData(typeof(ServiceTitle))]
    [InlineData(typeof(OrgKind))]
    [InlineData(typeof(ProjectLevel))]
    [InlineData(typeof(ConstructionKind))]
    [InlineData(typeof(InvestmentKind))]
    [InlineData(typeof(ManagementCategory))]
    [InlineData(typeof(Sector))]
    [InlineData(typeof(ProjectStage))]
    [InlineData(typeof(KeyProjects.Domain.Progress.ReportStatus))]
    [InlineData(typeof(KeyProjects.Domain.Progress.StartStatus))]
    [InlineData(typeof(KeyProjects.Domain.Progress.StopReason))]
    [InlineData(typeof(KeyProjects.Domain.Progress.FundSource))]
    [InlineData(typeof(KeyProjects.Domain.Progress.TimeConvention))]
    [InlineData(typeof(KeyProjects.Domain.Progress.IntegrityFlag))]
    [InlineData(typeof(KeyProjects.Domain.Progress.ReportAction))]
    [InlineData(typeof(ProjectList))]
    [InlineData(typeof(ThreeBatchesBatch))]
    [InlineData(typeof(ListScope))]
    [InlineData(typeof(TeamRole))]
    [InlineData(typeof(AuditAction))]
    [InlineData(typeof(KeyProjects.Domain.Milestones.MilestoneChangeReason))]
    [InlineData(typeof(PhotoOwnerKind))]
    [InlineData(typeof(KeyProjects.Domain.Visits.VisitType))]
    [InlineData(typeof(KeyProjects.Domain.Visits.ComplianceStatus))]
    [InlineData(typeof(KeyProjects.Domain.Notices.NoticeKind))]
    [InlineData(typeof(KeyProjects.Domain.Notices.EmailMode))]
    [InlineData(typeof(ImageFormat))]
    [InlineData(typeof(KeyProjects.Domain.Problems.ProblemCategory))]
    [InlineData(typeof(KeyProjects.Domain.Problems.ProblemSource))]
    [InlineData(typeof(KeyProjects.Domain.Problems.ProblemStatus))]
    [InlineData(typeof(KeyProjects.Domain.Problems.ProblemAction))]
    [InlineData(typeof(KeyProjects.Domain.Calendar.DayKind))]
    [InlineData(typeof(KeyProjects.Domain.Meetings.MeetingStatus))]
    [InlineData(typeof(KeyProjects.Domain.Meetings.MeetingTaskStatus))]
    [InlineData(typeof(KeyProjects.Domain.Meetings.MeetingTaskAction))]
    [InlineData(typeof(KeyProjects.Domain.Meetings.AgendaSection))]
    [InlineData(typeof(KeyProjects.Web.Features.Meetings.TaskFilter))]
    [InlineData(typeof(KeyProjects.Web.Features.Meetings.TaskReminder))]
    public void EveryValueOfAShownEnumeration_HasALabel(Type enumeration)
    {
        foreach (var name in Enum.GetNames(enumeration))
            Text.Has($"Enum.{enumeration.Name}.{name}").ShouldBeTrue($"Enum.{enumeration.Name}.{name}");
    }

    [Fact]
    public void EveryText_HasTheSamePlaceholdersInBothLanguages()
    {
        foreach (var key in Text.Keys)
        {
            var zh = Placeholders(Text.Get(key, UiText.Chinese));
            var en = Placeholders(Text.Get(key, UiText.English));
            en.ShouldBe(zh, key);
        }
    }

    [Fact]
    public void AMissingKey_ShowsItselfInBrackets_AndABadFormatNeverThrows()
    {
        Text.Get("No.Such.Key").ShouldBe("[No.Such.Key]");
        Text.Format("Error.TooLong").ShouldBe("不能超过 {0} 个字。");
    }

    private static List<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToList();

    [GeneratedRegex("""(?:T|t|text)(?:\[|\.Get\(|\.Format\()"([A-Z][A-Za-z0-9_.]+)"|"((?:Error|Identity|Flash|Problem|Page|Login|Import|Projects|Audit|Common|Nav|Orgs|Users|Account|Form|App)\.[A-Za-z0-9_.]+)"|(?<=Forbidden\(")([A-Za-z.]+)""")]
    private static partial Regex KeyPatternRaw();

    private static Regex KeyPattern() => KeyPatternRaw();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
