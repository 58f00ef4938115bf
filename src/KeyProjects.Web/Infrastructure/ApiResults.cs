using KeyProjects.Domain.Common;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// A failure answered as ProblemDetails in the caller's language. The type says which statuses a handler can answer, so
/// the OpenAPI document lists each of them with its schema: a handler returns
/// <c>Results&lt;Ok&lt;T&gt;, ReadProblem&gt;</c>, <c>Results&lt;Created&lt;T&gt;, WriteProblem&gt;</c> or
/// <c>Results&lt;Ok&lt;T&gt;, ChangeProblem&gt;</c>. Built by <see cref="ApiProblems"/> from the domain's named failures.
/// </summary>
public abstract class ApiProblem : IResult, IStatusCodeHttpResult
{
    private readonly IResult _inner;

    private protected ApiProblem(IResult inner)
    {
        _inner = inner;
        StatusCode = (inner as IStatusCodeHttpResult)?.StatusCode;
    }

    public int? StatusCode { get; }

    /// <summary>The ProblemDetails (or validation problem) written.</summary>
    public IResult Inner => _inner;

    public Task ExecuteAsync(HttpContext httpContext) => _inner.ExecuteAsync(httpContext);

    private protected static void Declare(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status,
                status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ["application/problem+json"]));
    }
}

/// <summary>A read's failures: 400 (a value not understood), 403, 404 (missing or outside the caller's subtree).</summary>
public sealed class ReadProblem : ApiProblem, IEndpointMetadataProvider
{
    internal ReadProblem(IResult inner) : base(inner) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}

/// <summary>A creation's or an unversioned action's failures: 400, 403, 404 (what it belongs to), 409 (a rule about the current state).</summary>
public sealed class WriteProblem : ApiProblem, IEndpointMetadataProvider
{
    internal WriteProblem(IResult inner) : base(inner) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}

/// <summary>
/// A change of an existing object's failures: those of a write, and the version contract — 428 without a version,
/// 412 for a stale If-Match, 409 for a stale body version (with who changed what).
/// </summary>
public sealed class ChangeProblem : ApiProblem, IEndpointMetadataProvider
{
    internal ChangeProblem(IResult inner) : base(inner) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
            StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
}

/// <summary>An upload over the size limit: 413.</summary>
public sealed class TooLargeProblem : ApiProblem, IEndpointMetadataProvider
{
    internal TooLargeProblem(IResult inner) : base(inner) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>A whole-file import refused (nothing written): 400, 403, 413 or 422, with each row's errors.</summary>
public sealed class ImportProblem : ApiProblem, IEndpointMetadataProvider
{
    internal ImportProblem(IResult inner) : base(inner) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>The one mapping from the domain's named failures to the API's typed answers.</summary>
public static class ApiProblems
{
    public static ReadProblem ReadProblem(this UiText t, IReadOnlyList<DomainError> errors) => new(t.ToProblem(errors));

    public static WriteProblem WriteProblem(this UiText t, IReadOnlyList<DomainError> errors) => new(t.ToProblem(errors));

    /// <summary>Query or route values that could not be read, each named with the message at its field.</summary>
    public static ReadProblem InvalidValues(this UiText t, IEnumerable<string> names, Func<string, string>? messageKey = null) =>
        new(TypedResults.ValidationProblem(names.ToDictionary(n => n, n => new[] { t.Get(messageKey?.Invoke(n) ?? "Error.ValueUnknown") }), title: t.Get("Problem.Validation")));

    /// <summary>A request that cannot be read (no body, no file), as a 400 with the given message.</summary>
    public static ReadProblem BadRequest(this UiText t, string detailKey) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: t.Get("Problem.Validation"), detail: t.Get(detailKey)));

    /// <summary>
    /// A failed change of an existing object. A conflict is named by how the version came: a stale If-Match is 412
    /// (HTTP's precondition failed), a stale body version 409; a conflict without any version (the object existed after
    /// all) is 428. Either way the current version and who changed what go with it.
    /// </summary>
    public static ChangeProblem ChangeProblem(this UiText t, IReadOnlyList<DomainError> errors, ClientVersion version)
    {
        if (errors[0] is ConcurrencyConflict c)
        {
            if (version.IsMissing) return t.VersionRequired();
            if (version.Source == VersionSource.IfMatch)
                return new(TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: t.Get("Problem.PreconditionFailed"),
                    detail: t.Describe(c), extensions: Problems.ConflictExtensions(c)));
        }
        return new(t.ToProblem(errors));
    }

    /// <summary>409 for a state of the system rather than of one object (a job another server is running).</summary>
    public static WriteProblem Conflict(this UiText t, string messageKey) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: t.Get(messageKey), detail: t.Get(messageKey)));

    /// <summary>428: a change of an existing object sent without the version it read.</summary>
    public static ChangeProblem VersionRequired(this UiText t) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: t.Get("Problem.VersionRequired"), detail: t.Get("Error.VersionRequired")));

    public static ChangeProblem AsChange(this ReadProblem p) => new(p.Inner);

    public static WriteProblem AsWrite(this ReadProblem p) => new(p.Inner);

    public static TooLargeProblem TooLarge(this UiText t, string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: t.Get("Problem.TooLarge"), detail: detail));

    public static ImportProblem ImportProblem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        new(TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions));
}
