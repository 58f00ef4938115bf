namespace KeyProjects.Domain.Common;

/// <summary>
/// An expected failure, named by a message key that the host translates into the user's language.
/// Arguments are formatted by the host with the user's culture; the domain never formats text for people.
/// </summary>
public abstract record DomainError(string MessageKey)
{
    public IReadOnlyList<object?> Args { get; init; } = [];

    /// <summary>The input field the error is about (e.g. "TotalInvestment"), or null when it concerns the whole request.</summary>
    public string? Field { get; init; }
}

/// <summary>A field that breaks a rule; the message key names the rule.</summary>
public sealed record FieldInvalid : DomainError
{
    public FieldInvalid(string field, string messageKey, params object?[] args) : base(messageKey)
    {
        Field = field;
        Args = args;
    }
}

/// <summary>The thing does not exist, or exists outside the caller's part of the organisation tree (the two look the same).</summary>
public sealed record NotFound : DomainError
{
    public NotFound(string what, string key) : base("Error.NotFound")
    {
        What = what;
        Key = key;
        Args = [what, key];
    }

    public string What { get; }
    public string Key { get; }
}

/// <summary>The caller may see the thing but not do this to it.</summary>
public sealed record Forbidden(string Reason) : DomainError(Reason);

/// <summary>Someone else saved the thing after the caller loaded it.</summary>
public sealed record ConcurrencyConflict : DomainError
{
    public ConcurrencyConflict(int currentVersion, IReadOnlyList<string> changedFields, string? changedBy, DateTime? changedAtUtc) : base("Error.Concurrency")
    {
        CurrentVersion = currentVersion;
        ChangedFields = changedFields;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
        Args = [currentVersion];
    }

    public int CurrentVersion { get; }
    public IReadOnlyList<string> ChangedFields { get; }
    public string? ChangedBy { get; }
    public DateTime? ChangedAtUtc { get; }
}

/// <summary>A rule about the whole request rather than one field.</summary>
public sealed record RuleBroken : DomainError
{
    public RuleBroken(string messageKey, params object?[] args) : base(messageKey) => Args = args;
}
