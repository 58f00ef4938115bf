namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// The meetings a problem can be 交办 to. Meetings come after problems (a meeting's agenda reads the open problems), so
/// the ledger asks through this and the Meetings feature answers: the problems know no meeting type.
/// </summary>
public interface IReferralMeetings
{
    /// <summary>Meetings not yet held, of the given organisations, on or after <paramref name="from"/>: the soonest twenty.</summary>
    Task<IReadOnlyList<MeetingChoice>> ScheduledAsync(IReadOnlyCollection<int> orgIds, DateOnly from, CancellationToken ct);

    /// <summary>The ladder level a meeting serves, or null when there is no such meeting (or it has been held).</summary>
    Task<int?> ScheduledLevelAsync(long meetingId, CancellationToken ct);
}
