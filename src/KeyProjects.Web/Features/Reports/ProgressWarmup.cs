using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Web.Features.Reports;

/// <summary>
/// Loads the registry and the progress index when the server starts, in the background, so that the first person to
/// open a dashboard does not wait seconds for a province's million revisions to be read. Requests that arrive earlier
/// simply wait for the same load.
/// </summary>
public sealed class ProgressWarmup(IServiceScopeFactory scopes, ProjectIndex projects, ProgressIndex progress, ILogger<ProgressWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (projectSeq, orgSeq, progressSeq) = await RegistryChanges.ReadAsync(db, stoppingToken);
            await projects.CurrentAsync(db, projectSeq, orgSeq, stoppingToken);
            var snapshot = await progress.CurrentAsync(db, progressSeq, stoppingToken);
            log.LogInformation("Progress index loaded: {Revisions} revisions.", snapshot.RevisionCount);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The index loads on the first request instead; a failure here must not stop the server.
            log.LogWarning(e, "Progress index warm-up failed.");
        }
    }
}
