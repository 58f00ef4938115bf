using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// Runs <see cref="NoticeMailer"/> and <see cref="NoticePusher"/> on every server every <c>Notices:PollSeconds</c>; each idle
/// while it is not configured, and a failure of one does not hold up the other.
/// </summary>
public sealed class NoticeMailerService(IServiceScopeFactory scopes, IOptions<NoticeOptions> options, ILogger<NoticeMailerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, options.Value.PollSeconds)), stoppingToken);
                if (options.Value.Smtp.Enabled)
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<NoticeMailer>().SendDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup must not stop e-mail for good: log and try again next round.
                log.LogError(e, "Sending notice e-mail failed.");
            }
            try
            {
                if (options.Value.PushEnabled && !stoppingToken.IsCancellationRequested)
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<NoticePusher>().SendDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Pushing notices to groups and phones failed.");
            }
        }
    }
}
