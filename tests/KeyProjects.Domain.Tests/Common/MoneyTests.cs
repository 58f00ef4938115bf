using KeyProjects.Domain.Common;
using KeyProjects.Domain.Tests.Projects;

namespace KeyProjects.Domain.Tests.Common;

public sealed class MoneyTests
{
    /// <summary>亿元 figures of the 濮阳 article (FACTS.md 1.1, 1.2) and their 万元 values.</summary>
    [Theory]
    [InlineData("796.5", "7965000")]
    [InlineData("343.4", "3434000")]
    [InlineData("120.03", "1200300")]
    [InlineData("261.35", "2613500")]
    [InlineData("54.56", "545600")]
    [InlineData("0.0001", "1")]
    [InlineData("0", "0")]
    public void FromYi_ConvertsYiToWanExactly(string yi, string wan)
    {
        Money.FromYi(ProjectDrafts.Wan(yi)).ShouldBe(ProjectDrafts.Wan(wan));
    }

    [Theory]
    [InlineData("7965000", "796.5")]
    [InlineData("1200300", "120.03")]
    [InlineData("1", "0.0001")]
    [InlineData("0.0001", "0.00000001")]
    public void ToYi_ConvertsWanToYiExactly(string wan, string yi)
    {
        Money.ToYi(ProjectDrafts.Wan(wan)).ShouldBe(ProjectDrafts.Wan(yi));
    }

    [Fact]
    public void MaxWan_IsOneWanYi()
    {
        // 1万亿元 = 10^12 yuan = 10^8 万元 = 10^4 亿元.
        Money.ToYi(Money.MaxWan).ShouldBe(10_000m);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.2345", true)]
    [InlineData("1.23450", true)]
    [InlineData("-1.2345", true)]
    [InlineData("1.23456", false)]
    [InlineData("0.00001", false)]
    [InlineData("100000000.00001", false)]
    public void HasAtMostMaxDecimals_AllowsFourDecimalsOnly(string wan, bool expected)
    {
        Money.HasAtMostMaxDecimals(ProjectDrafts.Wan(wan)).ShouldBe(expected);
    }
}
