using KeyProjects.Domain.Common;

namespace KeyProjects.Domain.Tests.Common;

internal static class ErrorAssertions
{
    /// <summary>The list holds exactly one error, about <paramref name="field"/>, for the rule <paramref name="messageKey"/>.</summary>
    public static FieldInvalid ShouldBeSingleFieldError(this IReadOnlyList<DomainError> errors, string field, string messageKey)
    {
        errors.Count.ShouldBe(1, "errors: " + string.Join("; ", errors.Select(e => $"{e.Field} {e.MessageKey}")));
        var error = errors[0].ShouldBeOfType<FieldInvalid>();
        error.Field.ShouldBe(field);
        error.MessageKey.ShouldBe(messageKey);
        return error;
    }
}
