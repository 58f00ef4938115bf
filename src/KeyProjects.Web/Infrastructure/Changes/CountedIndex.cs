using KeyProjects.Web.Data;

namespace KeyProjects.Web.Infrastructure.Changes;

/// <summary>An in-memory copy of counted tables, kept current by their change numbers (for the warm-up and the tests).</summary>
public interface ICountedIndex
{
    string Name { get; }

    /// <summary>Brings the copy up to the numbers (read by the caller); returns a line for the log.</summary>
    Task<string> LoadAsync(AppDbContext db, ChangeNumbers numbers, CancellationToken ct);
}

/// <summary>
/// The one refresh loop of every in-memory index (decision 016): a request reads the change numbers (one query,
/// <see cref="ChangeCounter.ReadAsync"/>); if the snapshot held is older than they are, one request at a time builds the
/// next snapshot from what changed since, and publishes it; readers never wait for a snapshot that is current. So a
/// snapshot is never older than the numbers read at the start of the request, whichever server wrote the change.
/// </summary>
public abstract class CountedIndex<TSnapshot> : ICountedIndex where TSnapshot : class
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private TSnapshot _current;

    protected CountedIndex(TSnapshot empty) => _current = empty;

    public abstract string Name { get; }

    /// <summary>Whether a snapshot holds every change up to the numbers.</summary>
    protected abstract bool Holds(TSnapshot snapshot, ChangeNumbers numbers);

    /// <summary>The next snapshot: <paramref name="held"/> with what changed up to <paramref name="numbers"/> (under the refresh lock).</summary>
    protected abstract Task<TSnapshot> RefreshAsync(AppDbContext db, TSnapshot held, ChangeNumbers numbers, CancellationToken ct);

    /// <summary>A line for the log once loaded.</summary>
    protected virtual string Describe(TSnapshot snapshot) => Name;

    /// <summary>The snapshot current now (reads the numbers: one query).</summary>
    public async Task<TSnapshot> CurrentAsync(AppDbContext db, CancellationToken ct) => await CurrentAsync(db, await ChangeCounter.ReadAsync(db, ct), ct);

    /// <summary>The snapshot at least as new as the numbers the caller has just read (for a request that uses several indexes).</summary>
    public async Task<TSnapshot> CurrentAsync(AppDbContext db, ChangeNumbers numbers, CancellationToken ct)
    {
        var s = Volatile.Read(ref _current);
        if (Holds(s, numbers)) return s;
        await _refresh.WaitAsync(ct);
        try
        {
            s = _current;
            if (Holds(s, numbers)) return s;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            s = await RefreshAsync(db, s, numbers, ct);
            AppMetrics.IndexRefresh.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("index", Name));
            Volatile.Write(ref _current, s);
            return s;
        }
        finally
        {
            _refresh.Release();
        }
    }

    async Task<string> ICountedIndex.LoadAsync(AppDbContext db, ChangeNumbers numbers, CancellationToken ct) => Describe(await CurrentAsync(db, numbers, ct));
}

public static class CountedIndexSetup
{
    /// <summary>Registers an index (a singleton) and lets the warm-up load it when the server starts.</summary>
    public static IServiceCollection AddCountedIndex<TIndex>(this IServiceCollection services) where TIndex : class, ICountedIndex
    {
        services.AddSingleton<TIndex>();
        services.AddSingleton<ICountedIndex>(sp => sp.GetRequiredService<TIndex>());
        if (!services.Any(d => d.ImplementationType == typeof(CountedIndexWarmup)))
        {
            services.AddSingleton<IndexWarmupState>();
            services.AddHostedService<CountedIndexWarmup>();
        }
        return services;
    }
}

/// <summary>
/// Loads every registered index when the server starts, in the background and side by side (one context each, the
/// numbers read once), so that the first dashboard or overdue list does not wait for a province's rows to be read.
/// Requests that arrive earlier wait for the same load.
/// </summary>
public sealed class CountedIndexWarmup(IServiceScopeFactory scopes, IEnumerable<ICountedIndex> indexes, IndexWarmupState state, ILogger<CountedIndexWarmup> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WarmAsync(stoppingToken);
        }
        finally
        {
            state.Done();
        }
    }

    private async Task WarmAsync(CancellationToken stoppingToken)
    {
        ChangeNumbers numbers;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            numbers = await ChangeCounter.ReadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning(e, "Warm-up of the in-memory indexes failed.");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(indexes.Select(index => LoadAsync(index, numbers, stoppingToken)));
    }

    private async Task LoadAsync(ICountedIndex index, ChangeNumbers numbers, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var loaded = await index.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), numbers, ct);
            log.LogInformation("{Index} loaded in {Ms} ms.", loaded, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The index loads on the first request instead; a failure here must not stop the server.
            log.LogWarning(e, "Warm-up of {Index} failed.", index.Name);
        }
    }
}

/// <summary>Whether the start-up load of the in-memory indexes has ended (loaded, or failed and left to the first request): /health/ready waits for it.</summary>
public sealed class IndexWarmupState
{
    private volatile bool _done;

    public bool IsDone => _done;

    public void Done() => _done = true;
}

/// <summary>/health/ready: unhealthy while the in-memory indexes are still loading at start.</summary>
public sealed class IndexWarmupCheck(IndexWarmupState state) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDone
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("In-memory indexes loaded.")
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("In-memory indexes still loading."));
}
