using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// The commands EF sends to one test's database while it is counting (other tests run at the same time on their own
/// databases): what a use case costs in round trips. Each EF command is one round trip (a batch of statements is one
/// command). The registry's and the problems' counters are read and bumped by plain commands, which are not counted.
/// </summary>
public sealed class DatabaseCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _all;
    private readonly ConcurrentQueue<IDisposable> _listeners = new();
    private readonly ConcurrentQueue<string> _commands = new();

    private DatabaseCommands(string database)
    {
        _database = database;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Starts counting the commands sent to the database the app works on.</summary>
    public static async Task<DatabaseCommands> StartAsync(KeyProjectsApp app) =>
        new(await app.WithServicesAsync(sp => Task.FromResult(Key(sp.GetRequiredService<Data.AppDbContext>().Database.GetDbConnection()))));

    private static string Key(DbConnection c) => c.DataSource + "|" + c.Database;

    /// <summary>The text of each command sent so far, in order.</summary>
    public IReadOnlyList<string> Texts => [.. _commands];

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) _listeners.Enqueue(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data && data.Command.Connection is { } c && Key(c) == _database)
            _commands.Enqueue(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        while (_listeners.TryDequeue(out var l)) l.Dispose();
    }
}
