using KeyProjects.Domain.Audit;

namespace KeyProjects.Domain.Tests.Audit;

public sealed class FieldChangesTests
{
    public static readonly TheoryData<FieldChange[], FieldChange[]> Cases = new()
    {
        // nothing saved
        { [], [] },
        // one plain change
        { [new("Name", "旧名称", "新名称")], [new("Name", "旧名称", "新名称")] },
        // a team row removed and re-added with the same value is no change
        { [new("Team[0].Name", "张三", null), new("Team[0].Name", null, "张三")], [] },
        // changed and changed back through a third value
        { [new("TotalInvestment", "100", "200"), new("TotalInvestment", "200", "100")], [] },
        // changed twice: first old, last new
        { [new("TotalInvestment", "100", "200"), new("TotalInvestment", "200", "300")], [new("TotalInvestment", "100", "300")] },
        // null and empty are the same value
        { [new("Remarks", null, "")], [] },
        { [new("Remarks", "", null)], [] },
        // an unchanged field among changed ones is left out
        { [new("Name", "A", "A"), new("Stage", "Procedures", "Started")], [new("Stage", "Procedures", "Started")] },
        // values compare case-sensitively
        { [new("Code", "py-001", "PY-001")], [new("Code", "py-001", "PY-001")] },
        // field names compare case-sensitively
        { [new("name", "A", "B"), new("Name", "B", "A")], [new("name", "A", "B"), new("Name", "B", "A")] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_FoldsChangesToOneLinePerField(FieldChange[] changes, FieldChange[] expected)
    {
        FieldChanges.Merge(changes).ShouldBe(expected);
    }

    [Fact]
    public void Merge_KeepsFieldsInOrderOfFirstChange()
    {
        FieldChange[] changes =
        [
            new("Name", "A", "B"),
            new("TotalInvestment", "1", "2"),
            new("Name", "B", "C"),
            new("Stage", "Procedures", "Started"),
            new("TotalInvestment", "2", "3"),
        ];

        FieldChanges.Merge(changes).ShouldBe(
        [
            new FieldChange("Name", "A", "C"),
            new FieldChange("TotalInvestment", "1", "3"),
            new FieldChange("Stage", "Procedures", "Started"),
        ]);
    }
}
