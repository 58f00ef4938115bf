using KeyProjects.Domain.Calendar;
using KeyProjects.Web.Data;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>
/// The working-day calendar in force: the shipped holidays with the administrators' corrections on top. Held per server
/// and kept current by the organisation tree's change number (Counter.Organisations), which every correction takes: a
/// correction made on any server is seen by the next request on every other (decision 016).
/// </summary>
public sealed class WorkingDays : ICountedIndex
{
    private readonly CalendarIndex _index = new();

    public string Name => _index.Name;

    public async Task<WorkingCalendar> CurrentAsync(AppDbContext db, CancellationToken ct) => (await _index.CurrentAsync(db, ct)).Calendar;

    /// <summary>The calendar as of the numbers the caller has just read (no query when it has not changed).</summary>
    public async Task<WorkingCalendar> CurrentAsync(AppDbContext db, ChangeNumbers numbers, CancellationToken ct) =>
        (await _index.CurrentAsync(db, numbers, ct)).Calendar;

    Task<string> ICountedIndex.LoadAsync(AppDbContext db, ChangeNumbers numbers, CancellationToken ct) => ((ICountedIndex)_index).LoadAsync(db, numbers, ct);

    private sealed record InForce(long Seq, WorkingCalendar Calendar);

    private sealed class CalendarIndex() : CountedIndex<InForce>(new InForce(-1, WorkingCalendar.Default))
    {
        public override string Name => "Working calendar";

        protected override bool Holds(InForce s, ChangeNumbers n) => s.Seq >= n.Organisations;

        protected override async Task<InForce> RefreshAsync(AppDbContext db, InForce held, ChangeNumbers n, CancellationToken ct)
        {
            var entries = await db.CalendarEntries.AsNoTracking().ToListAsync(ct);
            return new InForce(n.Organisations, new WorkingCalendar(ChineseHolidays.All.Concat(entries.Select(e => new CalendarDay(e.Date, e.Kind, e.Name)))));
        }
    }
}
