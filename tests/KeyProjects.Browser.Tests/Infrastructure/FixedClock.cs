namespace KeyProjects.Browser.Tests.Infrastructure;

/// <summary>
/// The app's clock in browser tests: a fixed instant, so that "today" in every rule (late starts, the list year, dates
/// that may not lie in the future) is the same on every run, whatever day the suite runs.
/// </summary>
public sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The instant the app sees; a test may move it (time passes and a problem falls overdue). Starts at <see cref="Now"/>.</summary>
    public DateTimeOffset Current { get; set; } = Now;

    public override DateTimeOffset GetUtcNow() => Current.ToUniversalTime();
}
