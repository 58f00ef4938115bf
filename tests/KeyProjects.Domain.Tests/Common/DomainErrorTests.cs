using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Tests.Common;

public sealed class DomainErrorTests
{
    [Fact]
    public void FieldInvalid_CarriesFieldKeyAndArguments()
    {
        var error = new FieldInvalid("YearPlans[0].Year", "Error.Project.YearOutOfRange", 2000, 2100);

        error.Field.ShouldBe("YearPlans[0].Year");
        error.MessageKey.ShouldBe("Error.Project.YearOutOfRange");
        error.Args.ShouldBe([2000, 2100]);
    }

    [Fact]
    public void NotFound_NamesWhatAndKeyForTheMessage()
    {
        var error = new NotFound("Project", "2301-410928-04-01-512345");

        error.MessageKey.ShouldBe("Error.NotFound");
        error.Args.ShouldBe(["Project", "2301-410928-04-01-512345"]);
        error.Field.ShouldBeNull();
    }

    [Fact]
    public void ConcurrencyConflict_OffersCurrentVersionToTheMessage()
    {
        var at = new DateTime(2023, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        var error = new ConcurrencyConflict(7, ["TotalInvestment"], "王五", at);

        error.MessageKey.ShouldBe("Error.Concurrency");
        error.Args.ShouldBe([7]);
        error.ChangedFields.ShouldBe(["TotalInvestment"]);
        error.ChangedBy.ShouldBe("王五");
        error.ChangedAtUtc.ShouldBe(at);
    }

    [Fact]
    public void Forbidden_UsesReasonAsMessageKey()
    {
        new Forbidden("Error.Forbidden").MessageKey.ShouldBe("Error.Forbidden");
    }

    [Fact]
    public void RuleBroken_ConcernsNoSingleField()
    {
        var error = new RuleBroken("Error.Import.DuplicateCode", "X1", 5);

        error.Field.ShouldBeNull();
        error.Args.ShouldBe(["X1", 5]);
    }
}
