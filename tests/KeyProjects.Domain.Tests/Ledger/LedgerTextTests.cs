using KeyProjects.Domain.Ledger;

namespace KeyProjects.Domain.Tests.Ledger;

public sealed class LedgerTextTests
{
    [Theory]
    [InlineData("计划总投资（亿元）", "计划总投资(亿元)")]
    [InlineData("单位：万元", "单位:万元")]
    [InlineData("２０２３年３月１日", "2023年3月1日")]
    [InlineData("１２０．０３", "120.03")]
    [InlineData("ＰＰＰ", "ppp")]
    [InlineData("Code", "code")]
    [InlineData("项目\n名称", "项目名称")]
    [InlineData(" 总 投 资 ", "总投资")]
    [InlineData("总\u3000投资", "总投资")]
    [InlineData("总\u200B投资", "总投资")]
    [InlineData("合\r\n计\t", "合计")]
    [InlineData("三个一批第七期开工一批（2023-05-10调出）", "三个一批第七期开工一批(2023-05-10调出)")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_MakesFullWidthHalfWidthDropsWhitespaceAndLowersAscii(string? text, string expected)
    {
        LedgerText.Normalize(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("张三、李四", new[] { "张三", "李四" })]
    [InlineData("张三,李四，王五", new[] { "张三", "李四", "王五" })]
    [InlineData("张三;李四；王五", new[] { "张三", "李四", "王五" })]
    [InlineData("张三/李四", new[] { "张三", "李四" })]
    [InlineData("张三\n李四\r\n王五", new[] { "张三", "李四", "王五" })]
    [InlineData(" 张三 、 李四 ", new[] { "张三", "李四" })]
    [InlineData("张三、、李四、", new[] { "张三", "李四" })]
    [InlineData("张三", new[] { "张三" })]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    [InlineData(null, new string[0])]
    public void SplitList_SplitsOnChineseAndAsciiSeparatorsAndDropsEmptyParts(string? text, string[] expected)
    {
        LedgerText.SplitList(text).ShouldBe(expected);
    }
}
