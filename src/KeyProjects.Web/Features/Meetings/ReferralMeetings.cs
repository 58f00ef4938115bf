using KeyProjects.Domain.Meetings;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Problems;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Meetings;

/// <summary>The scheduled meetings the problem ledger may 交办 a problem to.</summary>
public sealed class ReferralMeetings(AppDbContext db) : IReferralMeetings
{
    public async Task<IReadOnlyList<MeetingChoice>> ScheduledAsync(IReadOnlyCollection<int> orgIds, DateOnly from, CancellationToken ct) =>
        await db.Meetings.AsNoTracking()
            .Where(m => orgIds.Contains(m.OrgId) && m.Status == MeetingStatus.Scheduled && m.Date >= from)
            .OrderBy(m => m.Date).ThenBy(m => m.Level).Take(20)
            .Select(m => new MeetingChoice(m.Id, m.Title, m.Date, m.Level)).ToListAsync(ct);

    public Task<int?> ScheduledLevelAsync(long meetingId, CancellationToken ct) =>
        db.Meetings.AsNoTracking().Where(m => m.Id == meetingId && m.Status == MeetingStatus.Scheduled)
            .Select(m => (int?)m.Level).SingleOrDefaultAsync(ct);
}
