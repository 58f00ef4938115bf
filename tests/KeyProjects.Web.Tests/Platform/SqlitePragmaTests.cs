using KeyProjects.Web.Data;
using KeyProjects.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

public sealed class SqlitePragmaTests : AppTest<SqliteTestDatabase>
{
    [Fact]
    public async Task EveryConnection_WritesWithoutAFsyncPerCommit_AndWaitsForOtherWriters()
    {
        var (synchronous, timeout) = await App.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "PRAGMA synchronous";
            var s = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            cmd.CommandText = "PRAGMA busy_timeout";
            var t = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (s, t);
        });
        synchronous.ShouldBe(1); // NORMAL
        timeout.ShouldBe(5000);
    }
}
