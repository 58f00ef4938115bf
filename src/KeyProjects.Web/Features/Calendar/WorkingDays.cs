using KeyProjects.Domain.Calendar;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>
/// The working-day calendar in force: the shipped holidays with the administrators' corrections on top. Cached per
/// server; another server's correction is seen within <see cref="MaxAge"/>, this server's at once.
/// </summary>
public sealed class WorkingDays(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    volatile Cached? _cached;

    sealed record Cached(WorkingCalendar Calendar, DateTimeOffset LoadedAt);

    public async Task<WorkingCalendar> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var c = _cached;
        var now = clock.GetUtcNow();
        if (c is not null && now - c.LoadedAt < MaxAge && now >= c.LoadedAt) return c.Calendar;
        var entries = await db.Set<CalendarEntry>().AsNoTracking().ToListAsync(ct);
        var calendar = new WorkingCalendar(ChineseHolidays.All.Concat(entries.Select(e => new CalendarDay(e.Date, e.Kind, e.Name))));
        _cached = new Cached(calendar, now);
        return calendar;
    }

    /// <summary>Forget the cached calendar (after a correction on this server).</summary>
    public void Invalidate() => _cached = null;
}
