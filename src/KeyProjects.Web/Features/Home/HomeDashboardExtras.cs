using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Home;

/// <summary>
/// What the dashboard shows of the features after it (issue 13): a node's overdue problems, the visits its leaders still
/// owe this month and its next 调度会, each read through the feature's own service and so in the caller's scope.
/// </summary>
public sealed class HomeDashboardExtras(TimeProvider clock, ProblemService problems, VisitService visits, MeetingService meetings) : IDashboardExtras
{
    /// <summary>
    /// For a city's or a county's dashboard (the province has no 调度会 of its own and ranks by its unit table); the visits
    /// owed only below the city, where the leaders who owe them are the county's (a city-wide compliance over every
    /// project on each request would cost the dashboard its speed).
    /// </summary>
    public async Task<DashboardExtras?> ForAsync(Actor actor, int orgId, CancellationToken ct)
    {
        var kind = await problems.OrgKindAsync(orgId, ct);
        if (kind is not (OrgKind.City or OrgKind.County or OrgKind.District or OrgKind.Zone)) return null;
        var today = Display.Today(clock);
        var id = orgId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var overdue = await problems.ListAsync(actor, new ProblemQuery { Org = orgId, Overdue = true, Take = 1 }, ct);
        if (!overdue.Succeeded) return null;
        var month = Period.Of(today);
        int? owed = null;
        if (kind != OrgKind.City)
            owed = await visits.ComplianceAsync(actor, orgId, month, ct) is { Succeeded: true } compliance ? compliance.Value.Result.Shortfall : 0;
        var next = await meetings.NextAsync(actor, orgId, ct);
        return new DashboardExtras(overdue.Value.Total, $"/problems?org={id}&overdue=true", owed, $"/visits/compliance?org={id}&month={month}",
            next?.Id, next?.Title, next?.Date);
    }
}
