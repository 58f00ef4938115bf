using System.Globalization;

namespace KeyProjects.Load;

/// <summary>
/// The server's memory over a scenario, and CPU in per cent of one core (200 = both cores of this machine) for the
/// server, this driver, and every other process on the machine (other sessions' builds and tests disturb a run).
/// </summary>
public readonly record struct ServerUse(long MaxRssKb, long HwmKb, double CpuPercent, double DriverCpuPercent, double OtherCpuPercent,
    double DatabaseCpuPercent = 0)
{
    public static ServerUse Max(ServerUse? a, ServerUse b) => a is { } x
        ? new(Math.Max(x.MaxRssKb, b.MaxRssKb), Math.Max(x.HwmKb, b.HwmKb), Math.Max(x.CpuPercent, b.CpuPercent),
            Math.Max(x.DriverCpuPercent, b.DriverCpuPercent), Math.Max(x.OtherCpuPercent, b.OtherCpuPercent),
            Math.Max(x.DatabaseCpuPercent, b.DatabaseCpuPercent))
        : b;
}

/// <summary>
/// The server's memory and CPU as Linux reports them for its process: VmRSS (resident now), VmHWM (the peak), and
/// user+system CPU time. Writing 5 to /proc/PID/clear_refs resets the peak, so each scenario reports its own.
/// </summary>
public sealed class ServerProbe(int pid)
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public int Pid => pid;

    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Resident and peak resident set, in KB.</summary>
    public (long RssKb, long HwmKb) Memory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return (rss, hwm);
    }

    /// <summary>CPU seconds the server has used so far (user + system).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": state is field 3 of proc(5); utime and stime are fields 14 and 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>CPU seconds all processes of the machine have used so far (everything in /proc/stat but idle and iowait).</summary>
    public static double MachineCpuSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal …; guest time is already inside user.
        var busy = fields.Take(8).Sum() - fields[3] - fields[4];
        return busy / ClockTicksPerSecond;
    }

    /// <summary>
    /// Text the command line of a PostgreSQL backend must contain to be counted (the database's name: a backend's
    /// process title is "postgres: user database host(port) …"), so another session's PostgreSQL is not; null: none counted.
    /// </summary>
    public static string? DatabaseProcessMatch { get; set; }

    /// <summary>
    /// CPU seconds used so far by the PostgreSQL backends serving <see cref="DatabaseProcessMatch"/>, read from /proc; a
    /// backend that exits meanwhile takes its share with it, so this can only under-count.
    /// </summary>
    public static double DatabaseCpuSeconds()
    {
        if (DatabaseProcessMatch is not { Length: > 0 } match) return 0;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres") continue;
                if (!File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(match, StringComparison.Ordinal)) continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        return ticks / ClockTicksPerSecond;
    }

    private static double DriverCpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Samples VmRSS every <paramref name="interval"/> until stopped; the result is the largest seen, in KB.</summary>
    public Sampler StartSampling(TimeSpan interval) => new(this, interval);

    public sealed class Sampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _loop;
        private readonly double _cpuAtStart;
        private readonly double _machineAtStart;
        private readonly double _driverAtStart;
        private readonly double _databaseAtStart;
        private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        private readonly ServerProbe _probe;

        internal Sampler(ServerProbe probe, TimeSpan interval)
        {
            _probe = probe;
            probe.ResetPeak();
            _cpuAtStart = probe.CpuSeconds();
            _machineAtStart = MachineCpuSeconds();
            _driverAtStart = DriverCpuSeconds();
            _databaseAtStart = DatabaseCpuSeconds();
            _loop = LoopAsync(probe, interval, _stop.Token);
        }

        private static async Task<long> LoopAsync(ServerProbe probe, TimeSpan interval, CancellationToken ct)
        {
            long max = 0;
            using var timer = new PeriodicTimer(interval);
            do
            {
                max = Math.Max(max, probe.Memory().RssKb);
            }
            while (await WaitAsync(timer, ct));
            return Math.Max(max, probe.Memory().RssKb);
        }

        private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
        {
            try { return await timer.WaitForNextTickAsync(ct); }
            catch (OperationCanceledException) { return false; }
        }

        /// <summary>Largest RSS sampled, the kernel's peak (VmHWM) since the start, and who used the CPU meanwhile.</summary>
        public async Task<ServerUse> StopAsync()
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
            var server = _probe.CpuSeconds() - _cpuAtStart;
            var machine = MachineCpuSeconds() - _machineAtStart;
            var driver = DriverCpuSeconds() - _driverAtStart;
            var database = Math.Max(0, DatabaseCpuSeconds() - _databaseAtStart);
            await _stop.CancelAsync();
            var max = await _loop;
            var hwm = _probe.Memory().HwmKb;
            double Percent(double seconds) => elapsed > 0 ? Math.Round(100 * seconds / elapsed) : 0;
            return new ServerUse(max, Math.Max(hwm, max), Percent(server), Percent(driver), Percent(Math.Max(0, machine - server - driver - database)),
                Percent(database));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
            try { await _loop; } catch (OperationCanceledException) { }
            _stop.Dispose();
        }
    }
}
