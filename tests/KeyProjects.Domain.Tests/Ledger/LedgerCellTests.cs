using KeyProjects.Domain.Ledger;
using static KeyProjects.Domain.Tests.Projects.ProjectDrafts;

namespace KeyProjects.Domain.Tests.Ledger;

public sealed class LedgerCellTests
{
    // ---- money

    /// <summary>Numbers as Excel hands them over (doubles), in the unit of their column; the 濮阳 article's 亿元 figures (FACTS.md 1.1, 1.2).</summary>
    [Theory]
    [InlineData(796.5, MoneyUnit.Yi, "7965000")]
    [InlineData(120.03, MoneyUnit.Yi, "1200300")]
    [InlineData(54.56, MoneyUnit.Yi, "545600")]
    [InlineData(261.35, MoneyUnit.Yi, "2613500")]
    [InlineData(343.4, MoneyUnit.Yi, "3434000")]
    [InlineData(128.4, MoneyUnit.Yi, "1284000")]
    [InlineData(0.0001, MoneyUnit.Yi, "1")]
    [InlineData(120.03, MoneyUnit.Wan, "120.03")]
    [InlineData(12345.0, MoneyUnit.Yuan, "1.2345")]
    [InlineData(0.0, MoneyUnit.Wan, "0")]
    [InlineData(-5.5, MoneyUnit.Wan, "-5.5")]
    public void TryParseMoney_ReadsDoubleInColumnUnitAsExactWan(double cell, MoneyUnit unit, string expected)
    {
        LedgerCell.TryParseMoney(cell, unit, out var wan).ShouldBeTrue();

        wan.ShouldBe(Wan(expected));
    }

    /// <summary>
    /// Formula results carry binary noise past the 15 significant digits Excel shows: 343.4 − 215 is stored as
    /// 128.39999999999998, 0.1 + 0.2 as 0.30000000000000004. The cell shows 128.4 and 0.3, and that is what it holds.
    /// </summary>
    [Theory]
    [InlineData(120.03000000000001, MoneyUnit.Yi, "1200300")]
    [InlineData(343.4 - 215.0, MoneyUnit.Yi, "1284000")]
    [InlineData(0.1 + 0.2, MoneyUnit.Wan, "0.3")]
    [InlineData(128.39999999999998, MoneyUnit.Wan, "128.4")]
    public void TryParseMoney_WhenDoubleCarriesBinaryNoise_ReadsTheNumberExcelShows(double cell, MoneyUnit unit, string expected)
    {
        LedgerCell.TryParseMoney(cell, unit, out var wan).ShouldBeTrue();

        wan.ShouldBe(Wan(expected));
    }

    [Theory]
    [InlineData("796.5", MoneyUnit.Yi, "7965000")]
    [InlineData("1,234.5", MoneyUnit.Wan, "1234.5")]
    [InlineData("１，２３４．５", MoneyUnit.Wan, "1234.5")]
    [InlineData(" 120.03 ", MoneyUnit.Yi, "1200300")]
    [InlineData("3.5亿元", MoneyUnit.Wan, "35000")]
    [InlineData("3.5亿", MoneyUnit.Wan, "35000")]
    [InlineData("1234.5万元", MoneyUnit.Yi, "1234.5")]
    [InlineData("1234.5万", MoneyUnit.Yi, "1234.5")]
    [InlineData("12345元", MoneyUnit.Yi, "1.2345")]
    [InlineData("3.5 亿元", MoneyUnit.Wan, "35000")]
    [InlineData("-3", MoneyUnit.Wan, "-3")]
    [InlineData(".5", MoneyUnit.Wan, "0.5")]
    public void TryParseMoney_ReadsTextWithItsOwnUnitOrTheColumnUnit(string cell, MoneyUnit unit, string expected)
    {
        LedgerCell.TryParseMoney(cell, unit, out var wan).ShouldBeTrue();

        wan.ShouldBe(Wan(expected));
    }

    [Fact]
    public void TryParseMoney_ReadsDecimalIntAndLongCells()
    {
        LedgerCell.TryParseMoney(120.03m, MoneyUnit.Yi, out var fromDecimal).ShouldBeTrue();
        LedgerCell.TryParseMoney(5, MoneyUnit.Yi, out var fromInt).ShouldBeTrue();
        LedgerCell.TryParseMoney(7_965_000L, MoneyUnit.Wan, out var fromLong).ShouldBeTrue();

        fromDecimal.ShouldBe(1_200_300m);
        fromInt.ShouldBe(50_000m);
        fromLong.ShouldBe(7_965_000m);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("约3亿")]
    [InlineData("1.2.3")]
    [InlineData("1e3")]
    [InlineData("=SUM(E5:E9)")]
    [InlineData("亿元")]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e15)]
    [InlineData(true)]
    [InlineData(null)]
    public void TryParseMoney_WhenCellIsNoAmount_Fails(object? cell)
    {
        LedgerCell.TryParseMoney(cell, MoneyUnit.Wan, out _).ShouldBeFalse();
    }

    // ---- dates

    [Theory]
    [InlineData("2023-03-01")]
    [InlineData("2023/3/1")]
    [InlineData("2023.3.1")]
    [InlineData("2023.03.01")]
    [InlineData("20230301")]
    [InlineData("2023年3月1日")]
    [InlineData("2023年3月1号")]
    [InlineData("２０２３年３月１日")]
    [InlineData(" 2023 - 03 - 01 ")]
    [InlineData("2023-03-01 00:00:00")]
    [InlineData("2023-03-01T08:30:00")]
    [InlineData("2023/3/1 0:00")]
    public void TryParseDate_ReadsFullDateText(string cell)
    {
        LedgerCell.TryParseDate(cell, monthOnlyMeansLastDay: false, out var date).ShouldBeTrue();

        date.ShouldBe(Date("2023-03-01"));
    }

    [Theory]
    [InlineData("2023-03", false, "2023-03-01")]
    [InlineData("2023-03", true, "2023-03-31")]
    [InlineData("2023.3", false, "2023-03-01")]
    [InlineData("2023.3", true, "2023-03-31")]
    [InlineData("2023年3月", true, "2023-03-31")]
    [InlineData("2023/12", true, "2023-12-31")]
    [InlineData("2023年2月", true, "2023-02-28")]
    [InlineData("2024年2月", true, "2024-02-29")]
    [InlineData("2023年4月", true, "2023-04-30")]
    public void TryParseDate_WhenOnlyMonthGiven_TakesFirstOrLastDay(string cell, bool lastDay, string expected)
    {
        LedgerCell.TryParseDate(cell, lastDay, out var date).ShouldBeTrue();

        date.ShouldBe(Date(expected));
    }

    [Theory]
    [InlineData(45017.0, "2023-04-01")]
    [InlineData(44927.0, "2023-01-01")]
    [InlineData(45291.0, "2023-12-31")]
    [InlineData(45017.75, "2023-04-01")]
    [InlineData(36526.0, "2000-01-01")]
    public void TryParseDate_ReadsExcelSerialNumber(double serial, string expected)
    {
        LedgerCell.TryParseDate(serial, monthOnlyMeansLastDay: false, out var date).ShouldBeTrue();

        date.ShouldBe(Date(expected));
    }

    /// <summary>
    /// Excel keeps "2023.3" and "20230301" typed into a General cell as numbers. They are the same dates as their text,
    /// not serial numbers of 1905 or beyond the calendar.
    /// </summary>
    [Theory]
    [InlineData(2023.3, false, "2023-03-01")]
    [InlineData(2023.3, true, "2023-03-31")]
    [InlineData(2023.12, true, "2023-12-31")]
    [InlineData(20230301.0, false, "2023-03-01")]
    [InlineData(20231231.0, true, "2023-12-31")]
    public void TryParseDate_WhenNumberIsTypedYearMonthOrYearMonthDay_ReadsItAsTyped(double cell, bool lastDay, string expected)
    {
        LedgerCell.TryParseDate(cell, lastDay, out var date).ShouldBeTrue();

        date.ShouldBe(Date(expected));
    }

    [Fact]
    public void TryParseDate_ReadsDateTimeAndDateOnlyCells()
    {
        LedgerCell.TryParseDate(new DateTime(2023, 3, 1, 17, 30, 0), false, out var fromDateTime).ShouldBeTrue();
        LedgerCell.TryParseDate(Date("2023-03-01"), true, out var fromDateOnly).ShouldBeTrue();

        fromDateTime.ShouldBe(Date("2023-03-01"));
        fromDateOnly.ShouldBe(Date("2023-03-01"));
    }

    [Theory]
    [InlineData(2023.0)]
    [InlineData(1900.0)]
    [InlineData(2100.0)]
    [InlineData("2023")]
    [InlineData("2023年")]
    [InlineData("2023-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2023-04-31")]
    [InlineData("2023-00-10")]
    [InlineData("20231301")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("23.3.1")]
    [InlineData("2023-3-1-1")]
    [InlineData("三月")]
    [InlineData("待定")]
    [InlineData("")]
    [InlineData(0.5)]
    [InlineData(2958466.0)]
    [InlineData(20231301.0)]
    [InlineData(true)]
    [InlineData(null)]
    public void TryParseDate_WhenCellIsNoDate_Fails(object? cell)
    {
        LedgerCell.TryParseDate(cell, monthOnlyMeansLastDay: false, out _).ShouldBeFalse();
    }

    // ---- text

    [Theory]
    [InlineData(" 濮阳县 ", "濮阳县")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData(120.03, "120.03")]
    [InlineData(1000000.0, "1000000")]
    [InlineData(343.4 - 215.0, "128.4")]
    [InlineData(20230301.0, "20230301")]
    [InlineData(7, "7")]
    public void Text_ShowsCellAsTheLedgerDoes(object? cell, string? expected)
    {
        LedgerCell.Text(cell).ShouldBe(expected);
    }

    [Theory]
    [InlineData(1e30, "1E+30")]
    [InlineData(-1e300, "-1E+300")]
    [InlineData(double.NaN, "NaN")]
    public void Text_WhenNumberBeyondDecimalRange_ShowsItInsteadOfThrowing(double cell, string expected)
    {
        LedgerCell.Text(cell).ShouldBe(expected);
    }

    [Fact]
    public void Text_WritesDatesAsIso()
    {
        LedgerCell.Text(new DateTime(2023, 3, 1)).ShouldBe("2023-03-01");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(" \t", true)]
    [InlineData("x", false)]
    [InlineData(0.0, false)]
    public void IsBlank_IsTrueForNothingOrWhitespaceOnly(object? cell, bool expected)
    {
        LedgerCell.IsBlank(cell).ShouldBe(expected);
    }
}
