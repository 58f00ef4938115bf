using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using KeyProjects.Dataset;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Load;

/// <summary>
/// The investment-progress scenarios (issue 3, point 11): the metrics of every unit in turn, and monthly reports submitted
/// for 2025 by many clients at once, each request a (project, month) that has no report yet.
/// </summary>
public static class ProgressLoad
{
    /// <summary>
    /// GET /api/v1/metrics?org={id} for each of the 200 units (cities, counties, districts, zones) in turn, then the
    /// province with by=children; the clients share one round, so every unit is asked as often as the others.
    /// </summary>
    public static List<LoadDriver.Shape> MetricsShapes(IReadOnlyList<LoadDriver.Region> regions)
    {
        var units = regions.Where(r => r.Kind is "City" or "County" or "District" or "Zone").Select(r => r.Id).ToArray();
        var province = regions.First(r => r.Kind == "Province").Id;
        if (units.Length == 0) throw new InvalidOperationException("GET /api/v1/orgs returned no units.");
        var next = -1L;
        var round = units.Length + 1;
        // One shape that returns the next path of the shared round; its name in the report says which kind of request.
        return
        [
            new LoadDriver.Shape("unit, or province by=children every " + round, _ =>
            {
                var i = (int)(Interlocked.Increment(ref next) % round);
                return i < units.Length
                    ? "/api/v1/metrics?org=" + units[i].ToString(CultureInfo.InvariantCulture)
                    : "/api/v1/metrics?org=" + province.ToString(CultureInfo.InvariantCulture) + "&by=children";
            }),
        ];
    }

    /// <summary>
    /// The next report to submit: request i is month 1 + i / N of 2025 for the (i mod N)-th project, so a project's
    /// months go in order and are N requests apart (its month before has long been saved). Each month's figure is a
    /// 24th of what remains of the project's total investment after its 2024-12 since-start figure (so a whole year
    /// stays within the total), and the year-to-date figure is that times the month: consistent with the history,
    /// which ends at 2024-12 (January starts the year afresh). Projects not started by 2024-12 report 0 and 未开工.
    /// </summary>
    public static LoadDriver.Shape SubmitShape(int count, int seed)
    {
        var projects = ProvinceReports.Generate(count, seed).Select(x =>
        {
            var (since, total) = ProvinceReports.EndOf(x.History, x.Project.Draft);
            var started = x.Project.Draft.ActualStart is not null;
            var monthCents = started ? Math.Max(0, total - since) / 24 : 0;
            return (Code: ProjectCode.Normalize(x.Project.Draft.Code), MonthCents: monthCents, Started: started);
        }).ToArray();
        var next = -1L;
        return new LoadDriver.Shape("new (project, month of 2025)", _ =>
        {
            var i = Interlocked.Increment(ref next);
            var month = (int)(1 + i / projects.Length);
            if (month > 12) throw new InvalidOperationException($"All {projects.Length * 12} (project, month) pairs of 2025 have been submitted.");
            var p = projects[i % projects.Length];
            var m = p.MonthCents / 100m;
            var funds = p.MonthCents * 8 / 10 / 100m;
            return string.Create(CultureInfo.InvariantCulture,
                $$"""{"projectCode":"{{p.Code}}","year":2025,"month":{{month}},"monthCompleted":{{m}},"ytdCompleted":{{m * month}},"fundsMonth":{"selfRaised":{{funds}}},"startStatus":"{{(p.Started ? "Started" : "NotStarted")}}","workers":{{(p.Started ? 120 : 0)}},"imageProgress":"{{(p.Started ? "主体施工" : "前期手续办理中")}}","submit":true}""");
        });
    }

    /// <summary>POST /api/v1/reports with the body the shape made, as the administrator (bearer token).</summary>
    public static Func<string, HttpRequestMessage> SubmitRequest(string token) => json =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    };
}
