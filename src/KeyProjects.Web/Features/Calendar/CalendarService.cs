using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Calendar;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>A year of the working-day calendar as shown: every dated entry, and whether it is shipped or corrected.</summary>
public sealed record CalendarYear(int Year, bool Provisional, WorkingCalendar Calendar, IReadOnlyList<CalendarRow> Rows, int WorkingDayCount);

public sealed record CalendarRow(DateOnly Date, DayKind Kind, string Name, bool Corrected, bool Shipped, string? UpdatedBy, int? Version);

/// <summary>
/// Administrators correct the calendar (放假, 调休上班, or back to an ordinary day) one date at a time; removing a
/// correction restores the shipped day. Every change is audited and takes the organisation tree's change number, so the
/// calendar in force changes on every server with the next request (<see cref="WorkingDays"/>).
/// </summary>
public sealed class CalendarService(AppDbContext db, TimeProvider clock, WorkingDays workingDays)
{
    public const string AuditType = "CalendarDay";
    public const int MinYear = ChineseHolidays.FirstYear - 5;
    public const int MaxYear = ChineseHolidays.LastYear + 5;

    public async Task<CalendarYear> YearAsync(int year, CancellationToken ct)
    {
        var calendar = await workingDays.CurrentAsync(db, ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var corrections = await db.CalendarEntries.AsNoTracking().Where(e => e.Date >= first && e.Date <= last).ToDictionaryAsync(e => e.Date, ct);
        var shipped = ChineseHolidays.All.Where(d => d.Date.Year == year).ToDictionary(d => d.Date);
        var rows = shipped.Keys.Union(corrections.Keys).Order().Select(d =>
        {
            corrections.TryGetValue(d, out var c);
            var entry = c is not null ? new CalendarDay(c.Date, c.Kind, c.Name) : shipped[d];
            return new CalendarRow(d, entry.Kind, entry.Name, c is not null, shipped.ContainsKey(d), c?.UpdatedByName, c?.Version);
        }).ToList();
        var working = 0;
        for (var d = first; d <= last; d = d.AddDays(1)) if (calendar.IsWorkingDay(d)) working++;
        return new CalendarYear(year, ChineseHolidays.ProvisionalYears.Contains(year) && corrections.Count == 0, calendar, rows, working);
    }

    public async Task<Result<CalendarRow>> SetAsync(Actor actor, DateOnly date, DayKind kind, string? name, int? version, CancellationToken ct)
    {
        if (!actor.Can(Permission.ManageCalendar)) return Result<CalendarRow>.Fail(new Forbidden("Calendar.Error.MayNotEdit"));
        var errors = new List<DomainError>();
        if (date.Year is < MinYear or > MaxYear) errors.Add(new FieldInvalid("Date", "Calendar.Error.Year", MinYear, MaxYear));
        if (!Enum.IsDefined(kind)) errors.Add(new FieldInvalid("Kind", "Calendar.Error.Kind"));
        var text = name?.Trim() ?? "";
        if (text.Length == 0) errors.Add(new FieldInvalid("Name", "Calendar.Error.NameRequired"));
        else if (text.Length > CalendarEntryConfiguration.NameMaxLength) errors.Add(new FieldInvalid("Name", "Calendar.Error.NameTooLong", CalendarEntryConfiguration.NameMaxLength));
        if (kind == DayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            errors.Add(new FieldInvalid("Kind", "Calendar.Error.MakeUpOnWeekday"));
        if (errors.Count > 0) return Result<CalendarRow>.Fail(errors);

        var entry = await db.CalendarEntries.SingleOrDefaultAsync(e => e.Date == date, ct);
        // A date without a correction is at version 0: a client that read none and finds one is told so.
        if (version is { } v && v != (entry?.Version ?? 0))
            return Result<CalendarRow>.Fail(new ConcurrencyConflict(entry?.Version ?? 0, [], entry?.UpdatedByName, entry?.UpdatedAtUtc));
        var before = entry is null ? Shipped(date) : Fields(entry.Kind, entry.Name);
        if (entry is null)
        {
            entry = new CalendarEntry { Date = date, Kind = kind, Name = text, UpdatedByName = actor.Name };
            db.Add(entry);
        }
        else
        {
            entry.Kind = kind;
            entry.Name = text;
            entry.UpdatedByName = actor.Name;
            entry.Version++;
        }
        entry.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        AuditLog.Add(db, clock, actor, AuditType, Display.Date(date), "/", entry.Version == 1 ? AuditAction.Created : AuditAction.Updated,
            AuditLog.Diff(before, Fields(kind, text)), entry.Version);
        try
        {
            await using var tx = await db.UnitOfWorkAsync(ct);
            await db.SaveChangesAsync(ct);
            await ChangeCounter.NextAsync(db, Counter.Organisations, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Result<CalendarRow>.Fail(new ConcurrencyConflict(0, [], null, null));
        }
        return new CalendarRow(date, kind, text, true, ChineseHolidays.All.Any(d => d.Date == date), actor.UserName, entry.Version);
    }

    /// <summary>Removes a correction: the shipped day (or the weekday rule) applies again.</summary>
    public async Task<Result<bool>> RemoveAsync(Actor actor, DateOnly date, CancellationToken ct, int? version = null)
    {
        if (!actor.Can(Permission.ManageCalendar)) return Result<bool>.Fail(new Forbidden("Calendar.Error.MayNotEdit"));
        var entry = await db.CalendarEntries.SingleOrDefaultAsync(e => e.Date == date, ct);
        if (entry is null) return Result<bool>.Fail(new NotFound(AuditType, Display.Date(date)));
        if (version is { } v && v != entry.Version)
            return Result<bool>.Fail(new ConcurrencyConflict(entry.Version, [], entry.UpdatedByName, entry.UpdatedAtUtc));
        db.Remove(entry);
        AuditLog.Add(db, clock, actor, AuditType, Display.Date(date), "/", AuditAction.Deleted, AuditLog.Diff(Fields(entry.Kind, entry.Name), Shipped(date)), entry.Version);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        await ChangeCounter.NextAsync(db, Counter.Organisations, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static Dictionary<string, string?> Shipped(DateOnly date) =>
        ChineseHolidays.All.FirstOrDefault(d => d.Date == date) is { } s ? Fields(s.Kind, s.Name) : new Dictionary<string, string?>();

    private static Dictionary<string, string?> Fields(DayKind kind, string name) => new()
    {
        ["Kind"] = kind.ToString(),
        ["Name"] = name,
    };

    public static string Key(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
