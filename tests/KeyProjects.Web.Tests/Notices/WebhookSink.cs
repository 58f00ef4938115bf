using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KeyProjects.Web.Tests.Notices;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for the WeCom and DingTalk robots and the SMS gateway: keeps every request
/// and answers with <see cref="Answer"/> (by default HTTP 200 and {"errcode":0,"errmsg":"ok"}).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    public sealed record Request(string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string? QueryValue(string name) =>
            Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")).FirstOrDefault();
    }

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookSink()
    {
        // A free port: the system picks one for a socket, which is closed at once for the listener to take.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<Request> Received { get; } = new();

    public static readonly (int Status, string Body) Ok = (200, """{"errcode":0,"errmsg":"ok"}""");

    /// <summary>The answer to a request, by default <see cref="Ok"/>.</summary>
    public Func<Request, (int Status, string Body)> Answer { get; set; } = _ => Ok;

    public IReadOnlyList<Request> To(string path) => Received.Where(r => r.Path == path).ToList();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new Request(context.Request.Url!.AbsolutePath, context.Request.Url.Query, body, headers);
            Received.Enqueue(request);
            var (status, answer) = Answer(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
