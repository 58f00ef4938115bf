namespace KeyProjects.Domain.Progress;

/// <summary>The metrics a bulletin prints, each with its own number of decimals (FACTS.md §9.2: 51%, 45.5%, 37.41%).</summary>
public enum Metric
{
    /// <summary>投资完成率 (年度): year-to-date ÷ annual plan.</summary>
    CompletionRate = 1,
    /// <summary>开工以来完成率: since-start ÷ total investment.</summary>
    SinceStartRate = 2,
    /// <summary>序时进度</summary>
    TimeProgress = 3,
    /// <summary>超(慢)序时进度 百分点</summary>
    PointsAhead = 4,
    /// <summary>开复工率</summary>
    StartRate = 5,
    /// <summary>资金到位率</summary>
    FundsRate = 6,
    /// <summary>按期竣工率</summary>
    OnTimeCompletionRate = 7,
    /// <summary>竣工投产率</summary>
    CompletionRateOfProjects = 8,
    /// <summary>同比增长</summary>
    Growth = 9,
}

/// <summary>Decimals per metric; one decimal unless an organisation prints otherwise. 0 to 2 are allowed.</summary>
public sealed record MetricPrecision(IReadOnlyDictionary<Metric, int> Decimals)
{
    public const int DefaultDecimals = 1;
    public static readonly MetricPrecision Default = new(new Dictionary<Metric, int>());

    public int Of(Metric metric) => Decimals.TryGetValue(metric, out var d) ? d : DefaultDecimals;

    public static bool IsValidDecimals(int decimals) => decimals is >= 0 and <= 2;

    public MetricPrecision With(Metric metric, int decimals)
    {
        if (!IsValidDecimals(decimals)) throw new ArgumentOutOfRangeException(nameof(decimals));
        return new MetricPrecision(new Dictionary<Metric, int>(Decimals) { [metric] = decimals });
    }
}
