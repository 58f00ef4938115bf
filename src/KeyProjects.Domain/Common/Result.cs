namespace KeyProjects.Domain.Common;

/// <summary>The outcome of a use case: a value, or the expected failures that stopped it.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<DomainError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public IReadOnlyList<DomainError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public T Value => Succeeded ? _value! : throw new InvalidOperationException("A failed result has no value.");

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Fail(params DomainError[] errors) => Fail((IReadOnlyList<DomainError>)errors);

    public static Result<T> Fail(IReadOnlyList<DomainError> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        return new Result<T>(default, errors);
    }

    public static implicit operator Result<T>(T value) => Ok(value);
}
