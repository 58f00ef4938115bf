using System.Diagnostics.Metrics;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// The app's own meters (issue 12), exported with ASP.NET Core's request metrics on <c>/metrics</c> (Prometheus) or by
/// OTLP (docs/OPERATIONS.md "Metrics"): what the work is — reports submitted, problems raised and escalated — and how
/// long the in-memory indexes take to catch up with a change made on any server (their refresh).
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "KeyProjects";

    private static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Counter<long> ReportsSubmitted = Meter.CreateCounter<long>("keyprojects.reports.submitted", "{report}", "Monthly reports submitted for review");

    public static readonly Counter<long> ProblemsRaised = Meter.CreateCounter<long>("keyprojects.problems.raised", "{problem}", "Problems raised");

    public static readonly Counter<long> ProblemsEscalated = Meter.CreateCounter<long>("keyprojects.problems.escalated", "{problem}",
        "Problems moved up the ladder by the escalation sweep");

    public static readonly Histogram<double> IndexRefresh = Meter.CreateHistogram<double>("keyprojects.index.refresh.duration", "s",
        "Time an in-memory index took to read what changed since it was last current (tag: index)");
}
