using System.Globalization;

namespace KeyProjects.Load;

/// <summary>"--name value" pairs and "--flag" switches after the command name.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var o = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null) o._values[name] = "true";
                name = arg[2..];
            }
            else if (name is not null)
            {
                o._values[name] = arg;
                name = null;
            }
            else throw new ArgumentException($"Unexpected argument '{arg}'.");
        }
        if (name is not null) o._values[name] = "true";
        return o;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => Get(name) is "true" or "1";
}
