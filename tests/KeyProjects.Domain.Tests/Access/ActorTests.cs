using KeyProjects.Domain.Access;

namespace KeyProjects.Domain.Tests.Access;

public sealed class ActorTests
{
    private static Actor At(string orgPath) => new() { UserId = "u1", UserName = "张三", Role = Role.Staff, OrgId = 2, OrgPath = orgPath };

    [Theory]
    [InlineData("/1/2/", true)]
    [InlineData("/1/2/5/", true)]
    [InlineData("/1/2/5/9/", true)]
    [InlineData("/1/", false)]
    [InlineData("/", false)]
    [InlineData("/1/3/", false)]
    [InlineData("/1/3/2/", false)]
    [InlineData("/1/23/", false)]
    [InlineData("/1/20/", false)]
    [InlineData("/2/", false)]
    public void Covers_IncludesOwnSubtreeOnly(string path, bool expected)
    {
        At("/1/2/").Covers(path).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/1/")]
    [InlineData("/1/23/")]
    [InlineData("/9/8/7/")]
    public void System_CoversTheWholeTree(string path)
    {
        Actor.System("seed").Covers(path).ShouldBeTrue();
    }

    [Fact]
    public void System_IsAnAdministratorOnTheSystemChannel()
    {
        var actor = Actor.System("escalation");

        actor.Role.ShouldBe(Role.Admin);
        actor.Channel.ShouldBe("system");
        actor.UserName.ShouldBe("system:escalation");
        actor.OrgPath.ShouldBe("/");
    }

    [Fact]
    public void Channel_IsUiUnlessStated()
    {
        At("/1/").Channel.ShouldBe("ui");
    }
}
