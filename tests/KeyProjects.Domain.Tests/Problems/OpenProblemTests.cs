using KeyProjects.Domain.Problems;

namespace KeyProjects.Domain.Tests.Problems;

public sealed class OpenProblemTests
{
    private sealed record Row(ProblemStatus Status);

    [Theory]
    [InlineData(ProblemStatus.Pending, true)]
    [InlineData(ProblemStatus.InProgress, true)]
    [InlineData(ProblemStatus.Returned, true)]
    [InlineData(ProblemStatus.Answered, false)]
    [InlineData(ProblemStatus.Closed, false)]
    public void IsOpen_InMemoryAndSqlFormAgree(ProblemStatus status, bool open)
    {
        ProblemWorkflow.IsOpen(status).ShouldBe(open);
        ProblemWorkflow.OpenStatuses.Contains(status).ShouldBe(open);
        ProblemWorkflow.IsOpenWhere<Row>(r => r.Status).Compile()(new Row(status)).ShouldBe(open);
    }
}
