using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Tests.Common;

public sealed class ResultTests
{
    [Fact]
    public void Ok_HoldsValueAndNoErrors()
    {
        var result = Result<int>.Ok(42);

        result.Succeeded.ShouldBeTrue();
        result.Errors.ShouldBeEmpty();
        result.Value.ShouldBe(42);
    }

    [Fact]
    public void ImplicitConversion_FromValue_Succeeds()
    {
        Result<string> result = "2301-410928-04-01-512345";

        result.Succeeded.ShouldBeTrue();
        result.Value.ShouldBe("2301-410928-04-01-512345");
    }

    [Fact]
    public void Fail_KeepsEveryErrorInOrder()
    {
        var first = new FieldInvalid("Code", "Error.Project.CodeRequired");
        var second = new RuleBroken("Error.Import.NoHeader");

        var result = Result<int>.Fail(first, second);

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldBe([first, second]);
    }

    [Fact]
    public void Fail_WithoutErrors_Throws()
    {
        Should.Throw<ArgumentException>(() => Result<int>.Fail());
    }

    [Fact]
    public void Value_OfFailure_Throws()
    {
        var result = Result<int>.Fail(new NotFound("Project", "X"));

        Should.Throw<InvalidOperationException>(() => result.Value);
    }
}
