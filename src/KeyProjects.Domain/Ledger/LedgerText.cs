using System.Text;

namespace KeyProjects.Domain.Ledger;

/// <summary>Text as ledgers write it: full-width characters, stray spaces and line breaks inside headers.</summary>
public static class LedgerText
{
    /// <summary>Full-width ASCII to half-width, no whitespace at all, ASCII letters lower-case.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ch;
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
            if (char.IsWhiteSpace(c) || c == '\u3000' || c == '\u200B') continue;
            if (c is >= 'A' and <= 'Z') c = (char)(c + 32);
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Splits a cell that lists several things: 、 , ， ; ； / and line breaks.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(['、', ',', '，', ';', '；', '/', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
