using KeyProjects.Web.Data;

namespace KeyProjects.Web.Tests.Platform;

public sealed class PostgresSettingsTests
{
    [Fact]
    public void StatementsArePreparedAndKept_UnlessTheConnectionStringSaysOtherwise()
    {
        var defaults = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=kp"));
        defaults.MaxAutoPrepare.ShouldBe(64);
        defaults.NoResetOnClose.ShouldBeTrue();
        defaults.Host.ShouldBe("db");

        var own = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        own.MaxAutoPrepare.ShouldBe(0);
        own.NoResetOnClose.ShouldBeFalse();
    }
}
