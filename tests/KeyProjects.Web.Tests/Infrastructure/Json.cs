using System.Net.Http.Json;
using System.Text.Json;

namespace KeyProjects.Web.Tests.Infrastructure;

public static class JsonExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, KeyProjectsApp.Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, KeyProjectsApp.Json);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    public static IReadOnlyList<string> Codes(this JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToList();
}
