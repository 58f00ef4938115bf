using KeyProjects.Web.Infrastructure.Changes;

namespace KeyProjects.Web.Features.Reports;

/// <summary>Monthly reports, the progress metrics and their in-memory index, the dashboard and the ledger workbook.</summary>
public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ReportingOptions>(config.GetSection("Reporting"));
        services.Configure<MetricsOptions>(config.GetSection("Metrics"));
        services.AddCountedIndex<ProgressIndex>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReportHistoryImport>();
        services.AddScoped<ProgressService>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportsApi();
        app.MapReportPages();
        return app;
    }
}
