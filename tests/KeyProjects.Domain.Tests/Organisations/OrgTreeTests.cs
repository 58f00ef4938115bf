using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Tests.Common;

namespace KeyProjects.Domain.Tests.Organisations;

public sealed class OrgTreeTests
{
    /// <summary>Which kinds each kind of node may hold (province → city → county/district/zone → township, departments, project units).</summary>
    public static readonly TheoryData<OrgKind, OrgKind[]> AllowedChildren = new()
    {
        { OrgKind.Province, [OrgKind.City, OrgKind.Department] },
        { OrgKind.City, [OrgKind.County, OrgKind.District, OrgKind.Zone, OrgKind.Department, OrgKind.ProjectUnit] },
        { OrgKind.County, [OrgKind.Township, OrgKind.Zone, OrgKind.Department, OrgKind.ProjectUnit] },
        { OrgKind.District, [OrgKind.Township, OrgKind.Department, OrgKind.ProjectUnit] },
        { OrgKind.Zone, [OrgKind.Township, OrgKind.Department, OrgKind.ProjectUnit] },
        { OrgKind.Township, [OrgKind.ProjectUnit] },
        { OrgKind.Department, [OrgKind.Department] },
        { OrgKind.ProjectUnit, [] },
    };

    [Theory]
    [MemberData(nameof(AllowedChildren))]
    public void MayContain_AllowsOnlyTheListedChildKinds(OrgKind parent, OrgKind[] allowed)
    {
        foreach (var child in Enum.GetValues<OrgKind>())
            OrgTree.MayContain(parent, child).ShouldBe(allowed.Contains(child), $"{parent} holding {child}");
    }

    [Theory]
    [InlineData(OrgKind.Province, true)]
    [InlineData(OrgKind.City, true)]
    [InlineData(OrgKind.County, true)]
    [InlineData(OrgKind.District, true)]
    [InlineData(OrgKind.Zone, true)]
    [InlineData(OrgKind.Township, true)]
    [InlineData(OrgKind.Department, false)]
    [InlineData(OrgKind.ProjectUnit, false)]
    public void IsRegion_IsTrueForEverythingButDepartmentsAndProjectUnits(OrgKind kind, bool expected)
    {
        OrgTree.IsRegion(kind).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, 1, "/1/")]
    [InlineData("/", 1, "/1/")]
    [InlineData("/1/", 5, "/1/5/")]
    [InlineData("/1/5/", 23, "/1/5/23/")]
    [InlineData("/1/5/", 1234567, "/1/5/1234567/")]
    public void PathOf_AppendsIdToParentPath(string? parentPath, int id, string expected)
    {
        OrgTree.PathOf(parentPath, id).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/", new string[0])]
    [InlineData("/1/", new[] { "/1/" })]
    [InlineData("/1/5/23/", new[] { "/1/", "/1/5/", "/1/5/23/" })]
    public void PathsFromRoot_ListsAncestorsAndSelf(string path, string[] expected)
    {
        OrgTree.PathsFromRoot(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/", 0)]
    [InlineData("/1/", 1)]
    [InlineData("/1/5/", 2)]
    [InlineData("/1/5/23/", 3)]
    public void DepthOf_CountsAncestorsAndSelf(string path, int expected)
    {
        OrgTree.DepthOf(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("河南省", OrgKind.Province, null)]
    [InlineData("濮阳市", OrgKind.City, OrgKind.Province)]
    [InlineData("濮阳县", OrgKind.County, OrgKind.City)]
    [InlineData("华龙区", OrgKind.District, OrgKind.City)]
    [InlineData("濮阳经济技术开发区", OrgKind.Zone, OrgKind.City)]
    [InlineData("城关镇", OrgKind.Township, OrgKind.County)]
    [InlineData("县发改委", OrgKind.Department, OrgKind.County)]
    [InlineData("项目办", OrgKind.Department, OrgKind.Department)]
    [InlineData("濮阳君恒生物科技有限公司", OrgKind.ProjectUnit, OrgKind.Zone)]
    public void ValidateNew_WhenKindFitsParent_ReportsNothing(string name, OrgKind kind, OrgKind? parent)
    {
        OrgTree.ValidateNew(name, kind, parent).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void ValidateNew_WhenNameBlank_ReportsNameRequired(string? name)
    {
        OrgTree.ValidateNew(name, OrgKind.County, OrgKind.City).ShouldBeSingleFieldError("Name", "Error.Org.NameRequired");
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void ValidateNew_WhenNameLongerThanHundred_ReportsTooLong(int length, bool tooLong)
    {
        var errors = OrgTree.ValidateNew(new string('县', length), OrgKind.County, OrgKind.City);

        if (tooLong) errors.ShouldBeSingleFieldError("Name", "Error.TooLong").Args.ShouldBe([OrgTree.MaxNameLength]);
        else errors.ShouldBeEmpty();
    }

    [Fact]
    public void ValidateNew_CountsNameLengthWithoutSurroundingSpaces()
    {
        OrgTree.ValidateNew("  " + new string('县', 100) + "  ", OrgKind.County, OrgKind.City).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(OrgKind.City)]
    [InlineData(OrgKind.County)]
    [InlineData(OrgKind.Department)]
    [InlineData(OrgKind.ProjectUnit)]
    public void ValidateNew_WhenNonProvinceHasNoParent_ReportsParentRequired(OrgKind kind)
    {
        OrgTree.ValidateNew("某单位", kind, null).ShouldBeSingleFieldError("ParentId", "Error.Org.ParentRequired");
    }

    [Theory]
    [InlineData(OrgKind.Township, OrgKind.City)]
    [InlineData(OrgKind.County, OrgKind.Province)]
    [InlineData(OrgKind.Province, OrgKind.City)]
    [InlineData(OrgKind.City, OrgKind.City)]
    [InlineData(OrgKind.ProjectUnit, OrgKind.Department)]
    [InlineData(OrgKind.Department, OrgKind.ProjectUnit)]
    public void ValidateNew_WhenKindNotAllowedUnderParent_ReportsKindNotAllowed(OrgKind kind, OrgKind parent)
    {
        OrgTree.ValidateNew("某单位", kind, parent).ShouldBeSingleFieldError("Kind", "Error.Org.KindNotAllowedUnder").Args.ShouldBe([kind, parent]);
    }

    [Fact]
    public void ValidateNew_ReportsNameAndParentErrorsTogether()
    {
        var errors = OrgTree.ValidateNew("", OrgKind.County, null);

        errors.Select(e => (e.Field, e.MessageKey)).ShouldBe([("Name", "Error.Org.NameRequired"), ("ParentId", "Error.Org.ParentRequired")]);
    }
}
