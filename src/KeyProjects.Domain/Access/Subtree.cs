using System.Linq.Expressions;
using KeyProjects.Domain.Organisations;

namespace KeyProjects.Domain.Access;

/// <summary>
/// What a node of the organisation tree sees: every node whose materialised path starts with its own ("/1/5/" holds
/// "/1/5/" and "/1/5/23/"), and every object placed at such a node. This is the one rule of scope; each kind of object
/// says only which of its nodes count (<see cref="HoldsProject"/>, <see cref="HoldsProblem"/>, <see cref="HoldsTask"/>),
/// and the SQL forms (<see cref="Holding{T}"/>, <see cref="HoldingProject{T}"/>) are built from the same prefix test so
/// the database and the memory cannot disagree (tests: SubtreeTests, ScopeSqlTests).
/// </summary>
public readonly record struct Subtree(string Path)
{
    /// <summary>The whole tree: the system, or a user of the province's root.</summary>
    public static readonly Subtree Whole = new("/");

    /// <summary>The root's subtree (depth 0 or 1) holds every node: a project anywhere is the province's.</summary>
    public bool IsWhole => OrgTree.DepthOf(Path) <= 1;

    /// <summary>A node (by its path) lies in the subtree. No path (a node that does not exist) is never held.</summary>
    public bool Holds(string? path) => path is not null && path.StartsWith(Path, StringComparison.Ordinal);

    /// <summary>The project is on a list of the subtree: its region lies in it (a region's figures and reviews are its list's).</summary>
    public bool HoldsOnList(ProjectPlaces project) => Holds(project.Region);

    /// <summary>
    /// A project is the subtree's when it is on a list of one of its regions, or one of its nodes builds it (the project
    /// unit) or answers for it (the responsible department).
    /// </summary>
    public bool HoldsProject(ProjectPlaces project) =>
        IsWhole || Holds(project.Region) || Holds(project.Unit) || Holds(project.Responsible);

    /// <summary>
    /// A problem is the subtree's when its project is (<paramref name="projectHeld"/>), when one of its nodes answers for it
    /// or cooperates on it, or when the actor raised it.
    /// </summary>
    public bool HoldsProblem(bool projectHeld, string? departmentPath, IEnumerable<string?> cooperatingPaths) =>
        projectHeld || Holds(departmentPath) || cooperatingPaths.Any(Holds);

    /// <summary>A 交办事项 is the subtree's when the meeting's node or the node that carries it out lies in it.</summary>
    public bool HoldsTask(string? meetingOrgPath, string? ownerPath) => Holds(meetingOrgPath) || Holds(ownerPath);

    /// <summary>The SQL form of <see cref="Holds"/>: the node's path starts with the subtree's (LIKE 'prefix%' on both providers).</summary>
    public Expression<Func<T, bool>> Holding<T>(Expression<Func<T, string>> path) =>
        Expression.Lambda<Func<T, bool>>(StartsWith(path.Body), path.Parameters);

    /// <summary>A node lies in the subtree or above its root (an ancestor, whose departments a project here may name).</summary>
    public bool HoldsOrIsAbove(string? path) => Holds(path) || (path is not null && Path.StartsWith(path, StringComparison.Ordinal));

    /// <summary>The SQL form of <see cref="HoldsOrIsAbove"/>: the prefix test, or the path among the root's few ancestors (an IN list).</summary>
    public Expression<Func<T, bool>> HoldingOrAbove<T>(Expression<Func<T, string>> path)
    {
        var above = Expression.Property(Expression.Constant(new Ancestors([.. OrgTree.PathsFromRoot(Path)])), nameof(Ancestors.Value));
        var body = Expression.OrElse(StartsWith(path.Body), Expression.Call(ContainsMethod, above, path.Body));
        return Expression.Lambda<Func<T, bool>>(body, path.Parameters);
    }

    /// <summary>
    /// The SQL form of "any of these nodes lies in the subtree", for a row placed at several (a project's region and unit);
    /// a node the row does not have (null) is not held.
    /// </summary>
    public Expression<Func<T, bool>> HoldingAny<T>(params Expression<Func<T, string?>>[] paths)
    {
        var row = paths[0].Parameters[0];
        Expression? body = null;
        foreach (var p in paths)
        {
            var test = NullableStartsWith(Rebind(p, row));
            body = body is null ? test : Expression.OrElse(body, test);
        }
        return Expression.Lambda<Func<T, bool>>(body!, row);
    }

    /// <summary>The SQL form of <see cref="HoldsProject"/>, given where the row keeps the paths of a project's region, unit and responsible department.</summary>
    public Expression<Func<T, bool>> HoldingProject<T>(Expression<Func<T, string?>> region, Expression<Func<T, string?>> unit,
        Expression<Func<T, string?>> responsible) =>
        IsWhole ? Expression.Lambda<Func<T, bool>>(Expression.Constant(true), region.Parameters[0]) : HoldingAny(region, unit, responsible);

    private static readonly System.Reflection.MethodInfo StartsWithMethod = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    // The prefix is read from a field of a closure rather than inlined, so that EF sends it as a parameter (one plan per
    // query shape, not per subtree); string.StartsWith(string) is what EF translates to LIKE on SQLite and PostgreSQL.
    // In memory, StartsWith(string) is culture-sensitive in general, but paths hold only ASCII digits and '/', for which
    // every culture compares ordinally.
    private Expression StartsWith(Expression path) =>
        Expression.Call(path, StartsWithMethod, Expression.Property(Expression.Constant(new Prefix(Path)), nameof(Prefix.Value)));

    private Expression NullableStartsWith(Expression path) =>
        Expression.AndAlso(Expression.NotEqual(path, Expression.Constant(null, typeof(string))), StartsWith(path));

    private static Expression Rebind<T, TResult>(Expression<Func<T, TResult>> e, ParameterExpression row) =>
        new Swap(e.Parameters[0], row).Visit(e.Body);

    private static readonly System.Reflection.MethodInfo ContainsMethod =
        typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));

    private sealed record Prefix(string Value);

    private sealed record Ancestors(string[] Value);

    private sealed class Swap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
