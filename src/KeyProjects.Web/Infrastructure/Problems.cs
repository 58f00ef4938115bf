using KeyProjects.Domain.Common;


namespace KeyProjects.Web.Infrastructure;

/// <summary>Turns the domain's named failures into words for people and into ProblemDetails for the API.</summary>
public static class Problems
{
    public static string Describe(this UiText text, DomainError error) =>
        text.Format(error.MessageKey, error.Args.Select(a => Arg(text, a)).ToArray());

    private static object? Arg(UiText text, object? arg) => arg switch
    {
        Enum e when text.Has($"Enum.{e.GetType().Name}.{e}") => text.Get($"Enum.{e.GetType().Name}.{e}"),
        _ => arg,
    };

    /// <summary>Field errors grouped by field, for forms and for <c>ValidationProblem</c>.</summary>
    public static Dictionary<string, string[]> ByField(this UiText text, IEnumerable<DomainError> errors) =>
        errors.GroupBy(e => e.Field ?? "")
            .ToDictionary(g => g.Key, g => g.Select(text.Describe).Distinct().ToArray());

    public static IResult ToProblem(this UiText text, IReadOnlyList<DomainError> errors)
    {
        var first = errors[0];
        switch (first)
        {
            case NotFound:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text.Get("Problem.NotFound"), detail: text.Describe(first));
            case Forbidden:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: text.Get("Problem.Forbidden"), detail: text.Describe(first));
            case ConcurrencyConflict c:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text.Get("Problem.Conflict"), detail: text.Describe(first),
                    extensions: ConflictExtensions(c));
        }
        if (errors.Any(e => e.Field is not null))
            return TypedResults.ValidationProblem(text.ByField(errors), title: text.Get("Problem.Validation"));
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: text.Get("Problem.Validation"),
            detail: string.Join(" ", errors.Select(text.Describe)));
    }

    /// <summary>What a stale version answers with besides the message: the current version and who changed what.</summary>
    public static Dictionary<string, object?> ConflictExtensions(ConcurrencyConflict c) => new()
    {
        ["currentVersion"] = c.CurrentVersion,
        ["changedFields"] = c.ChangedFields,
        ["changedBy"] = c.ChangedBy,
    };

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized(UiText text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: text.Get("Problem.Unauthorized"));
}
