namespace KeyProjects.Domain.Common;

/// <summary>Money is decimal 万元 everywhere; 亿元 is only a way of showing it.</summary>
public static class Money
{
    public const decimal WanPerYi = 10_000m;

    /// <summary>1万亿元: larger than any single project.</summary>
    public const decimal MaxWan = 100_000_000m;

    /// <summary>Ledgers keep 万元 to at most four decimals (one yuan).</summary>
    public const int MaxDecimals = 4;

    public static bool HasAtMostMaxDecimals(decimal wan) => decimal.Round(wan, MaxDecimals) == wan;

    public static decimal ToYi(decimal wan) => wan / WanPerYi;

    public static decimal FromYi(decimal yi) => yi * WanPerYi;
}

public static class Rounding
{
    /// <summary>Half-up (away from zero), as the bulletins round: 45.455 → 45.5, 66.667 → 66.7 (FACTS.md §9.2).</summary>
    public static decimal HalfUp(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
}
