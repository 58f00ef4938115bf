using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// Forms are read field by field (<see cref="PostedForm"/>) instead of bound to a class, so that every handler's request
/// delegate is generated at compile time. These are the binder's rules it must keep: a missing field is the default,
/// repeated names are a list, table rows come by index, and a value that cannot be read is a 400, not a zero.
/// </summary>
public sealed class PostedFormTests
{
    // As the request's form reader makes it: names compared without case.
    private static FormCollection Form(params (string Name, string[] Values)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Values), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void MissingFields_AreTheDefaults_AndPresentOnesAreRead()
    {
        var empty = Form();
        empty.Text("Name").ShouldBeNull();
        empty.Int("Version").ShouldBe(0);
        empty.Bool("Active").ShouldBeFalse();
        empty.Enum<Role>("Role").ShouldBe(default);
        empty.NullableEnum<ServiceTitle>("ServiceTitle").ShouldBeNull();
        empty.Texts("Levels").ShouldBeEmpty();

        var form = Form(("Name", ["南乐县"]), ("Version", ["7"]), ("Active", ["true"]), ("Role", ["staff"]), ("ServiceTitle", [""]), ("MemberIds", ["3", "5"]));
        form.Text("name").ShouldBe("南乐县");
        form.Int("Version").ShouldBe(7);
        form.Bool("Active").ShouldBeTrue();
        form.Enum<Role>("Role").ShouldBe(Role.Staff);
        form.NullableEnum<ServiceTitle>("ServiceTitle").ShouldBeNull();
        form.Ints("MemberIds").ShouldBe([3, 5]);
    }

    [Theory]
    [InlineData("Version", "7a")]
    [InlineData("Active", "yes")]
    [InlineData("Role", "Mayor")]
    public void AValueThatCannotBeRead_IsABadRequest(string name, string value)
    {
        var form = Form((name, [value]));
        var e = Should.Throw<BadHttpRequestException>(() => _ = name switch
        {
            "Version" => form.Int(name),
            "Active" => form.Bool(name),
            _ => (object)form.Enum<Role>(name),
        });
        e.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
    }

    [Fact]
    public void TableRows_AreReadByIndex_UpToTheFirstMissingRow()
    {
        var form = ProjectForm.Read(Form(
            ("Name", ["濮阳县正泰绿色建材产业园项目"]),
            ("Levels", ["City", "Province"]),
            ("YearPlans[0].Year", ["2023"]), ("YearPlans[0].PlannedInvestment", ["1,200"]), ("YearPlans[0].Kind", ["New"]),
            ("YearPlans[1].Year", ["2024"]), ("YearPlans[1].PlannedInvestment", [""]),
            ("YearPlans[3].Year", ["2026"]),
            ("Team[0].Role", ["UnitHead"]), ("Team[0].Name", ["王某"])));

        form.Name.ShouldBe("濮阳县正泰绿色建材产业园项目");
        form.Levels.ShouldBe(["City", "Province"]);
        form.YearPlans.Select(r => (r.Year, r.PlannedInvestment, r.Kind)).ShouldBe([("2023", "1,200", "New"), ("2024", "", null)]);
        form.Team.Single().Name.ShouldBe("王某");
        form.Lists.ShouldBeEmpty();
    }
}
