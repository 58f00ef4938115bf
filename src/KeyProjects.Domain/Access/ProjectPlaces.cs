namespace KeyProjects.Domain.Access;

/// <summary>
/// The nodes a project is placed at, by path: the region on whose list it is, the project unit that builds it and the
/// department that answers for it (the last two may be unknown). Scope and rights on a project are decided from these.
/// </summary>
public readonly record struct ProjectPlaces(string? Region, string? Unit, string? Responsible);
