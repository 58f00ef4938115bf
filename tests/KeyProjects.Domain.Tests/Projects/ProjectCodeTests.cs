using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Tests.Projects;

public sealed class ProjectCodeTests
{
    [Theory]
    [InlineData("2301-410928-04-01-512345", "2301-410928-04-01-512345")]
    [InlineData("  2301-410928-04-01-512345\t", "2301-410928-04-01-512345")]
    [InlineData("py-2023-001", "PY-2023-001")]
    [InlineData("2301－410928－04－01－512345", "2301-410928-04-01-512345")]
    [InlineData("2301—410928—04—01—512345", "2301-410928-04-01-512345")]
    [InlineData("2301 - 410928 - 04", "2301-410928-04")]
    [InlineData("２３０１－４１０９２８－０４－０１－５１２３４５", "2301-410928-04-01-512345")]
    [InlineData("2301–410928\u3000-04-01-512345", "2301-410928-04-01-512345")]
    [InlineData("ｐｙ－２０２３", "PY-2023")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_TrimsRemovesSpacesUnifiesDashesAndUpperCases(string? raw, string expected)
    {
        ProjectCode.Normalize(raw).ShouldBe(expected);
    }

    [Theory]
    [InlineData("ABCD", true)]
    [InlineData("A-1B", true)]
    [InlineData("PY-2023-001", true)]
    [InlineData("2301-410928-04-01-512345", true)]
    [InlineData("ABC", false)]
    [InlineData("", false)]
    [InlineData("-ABCD", false)]
    [InlineData("ABCD-", false)]
    [InlineData("AB_CD", false)]
    [InlineData("AB/CD", false)]
    [InlineData("项目0001", false)]
    [InlineData("py-2023-001", false)]
    public void IsValid_AcceptsLettersDigitsAndInnerHyphens(string normalized, bool expected)
    {
        ProjectCode.IsValid(normalized).ShouldBe(expected);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(40, true)]
    [InlineData(3, false)]
    [InlineData(41, false)]
    public void IsValid_AcceptsFourToFortyCharacters(int length, bool expected)
    {
        ProjectCode.IsValid(new string('7', length)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2301-410928-04-01-512345", true)]
    [InlineData("2212-410922-89-01-000001", true)]
    [InlineData("2301-410928-04-01-51234", false)]
    [InlineData("2301-41092-04-01-512345", false)]
    [InlineData("2301410928040151234", false)]
    [InlineData("PY-2023-001", false)]
    public void IsNationalFormat_RecognisesYymmRegionIndustryTypeSerial(string normalized, bool expected)
    {
        ProjectCode.IsNationalFormat(normalized).ShouldBe(expected);
    }
}
