using BenchmarkDotNet.Attributes;
using KeyProjects.Domain.Ledger;

namespace KeyProjects.Bench;

/// <summary>LedgerVocabulary.MatchHeader on the headers a ledger's first rows hold: the export's own, county variants, and non-headers.</summary>
public class MatchHeaderBenchmarks
{
    private static readonly string[] Cells =
    [
        .. Enum.GetValues<LedgerColumn>().Select(c => LedgerVocabulary.HeaderOf(c, 2024)),
        "项目编码", "总投资（亿元）", "2023年度计划投资（万元）", "建设内容及规模", "县（市、区）", "分包县级领导", "新建/续建", "联系方式",
        "河南省2024年重点项目台账", "单位：万元", "合计", "一、濮阳县", "甲方", "2023-05-10",
    ];

    [GlobalSetup]
    public void Setup()
    {
        if (Cells.Length != 44) throw new InvalidOperationException("OperationsPerInvoke must equal the number of cells.");
    }

    [Benchmark(Description = "LedgerVocabulary.MatchHeader, per cell", OperationsPerInvoke = 44)]
    public int MatchAll()
    {
        var matched = 0;
        foreach (var cell in Cells)
            if (LedgerVocabulary.MatchHeader(cell) is not null) matched++;
        return matched;
    }
}
