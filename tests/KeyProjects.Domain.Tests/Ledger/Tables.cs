namespace KeyProjects.Domain.Tests.Ledger;

/// <summary>Ledger tables as the spreadsheet reader hands them over: rows of raw cells, zero-based.</summary>
internal static class Tables
{
    public static readonly ISet<(int Row, int Column)> NoFormulas = new HashSet<(int, int)>();

    public static IReadOnlyList<object?> Row(params object?[] cells) => cells;

    public static IReadOnlyList<IReadOnlyList<object?>> Of(params IReadOnlyList<object?>[] rows) => rows;
}
