using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Every word a user sees, in Simplified Chinese and English, from the embedded catalogue Resources/Text*.tsv
/// (key, zh-Hans, en: one line each, so a missing translation shows in review; one file per feature, read as one). The language is the request's
/// UI culture; Chinese is the default. docs/decisions/004-text-catalogue.md says why this is not .resx.
/// </summary>
public sealed class UiText : IStringLocalizer
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly IReadOnlyList<CultureInfo> Cultures = [Chinese, English];

    private readonly FrozenDictionary<string, (string Zh, string En)> _entries;

    public UiText() : this(Load()) { }

    private UiText(FrozenDictionary<string, (string Zh, string En)> entries) => _entries = entries;

    public IReadOnlyCollection<string> Keys => _entries.Keys;

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public bool Has(string key) => _entries.ContainsKey(key);

    public string Get(string key, CultureInfo? culture = null)
    {
        if (!_entries.TryGetValue(key, out var e)) return "[" + key + "]";
        return IsEnglish(culture ?? CultureInfo.CurrentUICulture) ? e.En : e.Zh;
    }

    /// <summary>
    /// The text with its arguments. A text that asks for more arguments than it gets shows its placeholders rather
    /// than failing: a message must never be the reason a page breaks (a test checks the catalogue's placeholders).
    /// </summary>
    public string Format(string key, params object?[] args)
    {
        var text = Get(key);
        try { return string.Format(CultureInfo.CurrentCulture, text, args); }
        catch (FormatException) { return text; }
    }

    /// <summary>The label of an enum value: key "Enum.{Type}.{Name}".</summary>
    public string Enum<T>(T value) where T : struct, System.Enum => Get($"Enum.{typeof(T).Name}.{value}");

    public LocalizedString this[string name] => new(name, Get(name), !_entries.ContainsKey(name));

    public LocalizedString this[string name, params object[] arguments] => new(name, Format(name, arguments), !_entries.ContainsKey(name));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _entries.Keys.Select(k => this[k]);

    private static FrozenDictionary<string, (string, string)> Load()
    {
        var asm = typeof(UiText).Assembly;
        var names = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("KeyProjects.Web.Resources.Text", StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!names.Contains("KeyProjects.Web.Resources.Text.tsv"))
            throw new InvalidOperationException("Resources/Text.tsv is not embedded.");
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            var file = name["KeyProjects.Web.Resources.".Length..];
            foreach (var (key, value) in Parse(new StreamReader(stream).ReadToEnd(), file))
                if (!map.TryAdd(key, value))
                    throw new InvalidDataException($"{file}: key '{key}' is already in another catalogue file.");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Lines "key\tzh\ten"; blank lines and lines starting with # are comments. "\n" in a text is a line break.</summary>
    internal static FrozenDictionary<string, (string, string)> Parse(string tsv, string file = "Text.tsv")
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
                throw new InvalidDataException($"{file} line {lineNo}: expected 'key<TAB>zh<TAB>en', got '{line}'.");
            if (!map.TryAdd(parts[0], (Unescape(parts[1]), Unescape(parts[2]))))
                throw new InvalidDataException($"{file} line {lineNo}: duplicate key '{parts[0]}'.");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Unescape(string s) => s.Replace("\\n", "\n", StringComparison.Ordinal);

    internal static Assembly Assembly => typeof(UiText).Assembly;
}
