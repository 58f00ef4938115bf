using System.Text.Json.Serialization;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Account;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Daily;
using KeyProjects.Web.Features.Demo;
using KeyProjects.Web.Features.Home;
using KeyProjects.Web.Features.Meetings;
using KeyProjects.Web.Features.Milestones;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Problems;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Features.Reports;
using KeyProjects.Web.Features.Users;
using KeyProjects.Web.Features.Visits;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
if (!builder.Environment.IsDevelopment())
{
    // One JSON object per line for log collectors, with the request's scopes: trace and span ids, request path, and the
    // user (AccountCheck adds it); the plain console format stays for development.
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o =>
    {
        o.UseUtcTimestamp = true;
        o.IncludeScopes = true;
    });
}

services.AddAppDatabase(builder.Configuration, builder.Environment);
services.AddKeyProjectsAuth();
services.AddSingleton(TimeProvider.System);
services.AddSingleton<UiText>();
services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<UiText>());
services.Configure<DocumentOptions>(builder.Configuration.GetSection("Documents"));
services.AddSingleton<PdfConverter>();
services.AddHttpContextAccessor();
services.AddScoped<PageContext>();
services.AddRazorComponents();
// Chinese text stays Chinese in the HTML instead of &#x...; escapes (a third of the page size).
services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
// Scripts, styles and icons go compressed (Brotli or gzip); pages do not: they carry form tokens beside echoed input (BREACH).
// A published build serves the files' precompressed siblings instead (Infrastructure/StaticAssetServing.cs); this covers
// dotnet run and the tests, at Optimal rather than Fastest (tabler.min.css: 80 KB gzip instead of 106 KB).
services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
});
services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
services.AddSingleton<AssetUrls>();
services.AddProblemDetails();
// /health/live: the process answers. /health/ready (and /health): the database answers and the in-memory indexes have
// loaded (the schema is migrated before the server listens at all). docs/OPERATIONS.md "Health".
services.AddHealthChecks()
    .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
    .AddCheck<KeyProjects.Web.Infrastructure.Changes.IndexWarmupCheck>("indexes", tags: ["ready"]);
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info = new OpenApiInfo
    {
        Title = "KeyProjects API (重点项目建设调度平台)",
        Version = "v1",
        Description = "Money in 万元 (decimal), dates yyyy-MM-dd, enums by name. POST /api/v1/auth/token for a bearer token; errors are ProblemDetails.",
    };
    doc.Components ??= new OpenApiComponents();
    doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
    doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        Description = "The accessToken from POST /api/v1/auth/token.",
    };
    doc.Security ??= [];
    doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
    return Task.CompletedTask;
}));

// One key ring for every app server, in the database (stateless servers behind a load balancer).
var dataProtection = services.AddDataProtection().SetApplicationName("KeyProjects");
// The key ring encrypted at rest with a certificate (DataProtection:CertificatePath, a .pfx, and
// DataProtection:CertificatePassword): whoever reads the database does not get the keys that sign cookies and tokens.
// Every server needs the same certificate. docs/OPERATIONS.md "Keys".
if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
{
    var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
        certificatePath, builder.Configuration["DataProtection:CertificatePassword"]);
    dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
}
services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
    new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

// X-Forwarded-For/-Proto are believed only from the proxies the operator lists (docs/SECURITY.md); with none, from nobody.
var knownProxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
var knownNetworks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
    foreach (var proxy in knownProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    foreach (var network in knownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
});

// Metrics (docs/OPERATIONS.md "Metrics"): ASP.NET Core's request rates and durations, the runtime's, and the app's own
// (AppMetrics), scraped on /metrics (Prometheus, from this host or the known proxies' networks) and/or pushed by OTLP.
var prometheus = builder.Configuration.GetValue("Metrics:Prometheus", true);
services.AddOpenTelemetry().WithMetrics(m =>
{
    m.AddMeter(AppMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime");
    if (prometheus) m.AddPrometheusExporter();
    if (builder.Configuration["Metrics:OtlpEndpoint"] is { Length: > 0 } otlp) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
});

// Every feature plugs in here, by name: Features/X/XSetup.cs. The order is the order hosted services start in (the
// progress and open-problem warm-ups, then the periodic jobs: escalation sweep, task reminders, visit reminders, then the
// mailer) and the order periodic jobs run in.
var config = builder.Configuration;
services.AddAccount(config);
services.AddOrganisations();
services.AddProjects();
services.AddMilestones();
services.AddUsers();
services.AddAudit();
services.AddDemo();
services.AddHome();
services.AddReports(config);
services.AddPhotos(config);
services.AddDaily(config);
services.AddCalendar();
services.AddProblems(config);
services.AddMeetings();
services.AddVisits(config);
services.AddNotices(config);

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services);

// The middleware with empty lists would believe every sender, so without a configured proxy it is not used at all.
if (knownProxies.Length + knownNetworks.Length > 0) app.UseForwardedHeaders();
app.UseSecurityHeaders();
// /metrics answers this host (and the test server, which has no address) only: counts are not for the whole network.
app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics") && http.Connection.RemoteIpAddress is { } from && !System.Net.IPAddress.IsLoopback(from),
    refused => refused.Run(http => { http.Response.StatusCode = StatusCodes.Status404NotFound; return Task.CompletedTask; }));
app.UseKeyProjectsErrors();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(UiText.Chinese),
    SupportedCultures = [.. UiText.Cultures],
    SupportedUICultures = [.. UiText.Cultures],
    // Pages are Chinese until the user switches (the cookie), whatever the browser's language (issue 13); the API answers
    // in the caller's Accept-Language.
    RequestCultureProviders =
    [
        new CookieRequestCultureProvider(),
        new CustomRequestCultureProvider(http => AuthSetup.IsApi(http.Request)
            ? new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(http)
            : Task.FromResult<ProviderCultureResult?>(null)),
    ],
    FallBackToParentCultures = true,
    FallBackToParentUICultures = true,
});
app.UseResponseCompression();
app.UseFingerprintedStaticFiles();
app.UseKeyProjectsAuth();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

if (prometheus) app.MapPrometheusScrapingEndpoint("/metrics");
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapOpenApi();
app.MapAccount();
app.MapProjects();
app.MapMilestones();
app.MapOrganisations();
app.MapUsers();
app.MapAudit();
app.MapReports();
app.MapPhotos();
app.MapDaily();
app.MapProblems();
app.MapCalendar();
app.MapMeetings();
app.MapVisits();
app.MapNotices();
app.MapDemo();
app.MapHome();

app.Run();

/// <summary>The host, visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
