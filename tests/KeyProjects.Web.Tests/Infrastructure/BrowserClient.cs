using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>A page as a person would get it: status, final address after redirects, and the parsed document.</summary>
public sealed record Page(HttpStatusCode Status, string Url, string Html, IDocument Document)
{
    public IElement? One(string selector) => Document.QuerySelector(selector);
    public IReadOnlyList<IElement> All(string selector) => Document.QuerySelectorAll(selector).ToList();
    public string Text(string selector) => One(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No '{selector}' on {Url}.");
}

/// <summary>Drives the pages over HTTP with cookies, reading the antiforgery token from each form as a browser would.</summary>
public sealed class BrowserClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<Page> GetAsync(string url, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.Add(k, v);
        return await ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Loads the page with the form, takes its token, and posts the fields.</summary>
    public async Task<Page> PostFormAsync(string pageUrl, string action, IDictionary<string, string> fields)
    {
        var form = await GetAsync(pageUrl);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form token on {pageUrl}.");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await ReadAsync(await http.PostAsync(action, content));
    }

    /// <summary>Posts raw pairs (repeated names allowed), with the token of the given page.</summary>
    public async Task<Page> PostPairsAsync(string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var form = await GetAsync(pageUrl);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form token on {pageUrl}.");
        return await ReadAsync(await http.PostAsync(action, new FormUrlEncodedContent(pairs.Append(new("__RequestVerificationToken", token)))));
    }

    public async Task<Page> PostMultipartAsync(string pageUrl, string action, MultipartFormDataContent content)
    {
        var form = await GetAsync(pageUrl);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await ReadAsync(await http.PostAsync(action, content));
    }

    /// <summary>The fields a form would post as it stands: inputs, selects, textareas, checked boxes.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IElement form)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var el in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (el.HasAttribute("disabled")) continue;
            var name = el.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (el.LocalName)
            {
                case "input" when el.GetAttribute("type") is "checkbox" or "radio":
                    if (el.HasAttribute("checked")) pairs.Add(new(name, el.GetAttribute("value") ?? "on"));
                    break;
                case "input" when el.GetAttribute("type") is "submit" or "file":
                    break;
                case "input":
                    pairs.Add(new(name, el.GetAttribute("value") ?? ""));
                    break;
                case "textarea":
                    pairs.Add(new(name, el.TextContent));
                    break;
                case "select":
                    var selected = el.QuerySelector("option[selected]") ?? el.QuerySelector("option");
                    pairs.Add(new(name, selected?.GetAttribute("value") ?? ""));
                    break;
            }
        }
        return pairs;
    }

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Parser.ParseDocumentAsync(html);
        return new Page(response.StatusCode, response.RequestMessage?.RequestUri?.PathAndQuery ?? "", html, document);
    }

    public void Dispose() => http.Dispose();
}
