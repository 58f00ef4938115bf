namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>A clock the test sets. Starts at a fixed instant so that "today" in every rule is known.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public static readonly DateTimeOffset Default = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    public TestClock() : this(Default) { }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
