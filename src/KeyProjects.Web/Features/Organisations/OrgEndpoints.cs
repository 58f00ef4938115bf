using KeyProjects.Domain.Access;
using KeyProjects.Domain.Organisations;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyProjects.Web.Features.Organisations;

public sealed record OrgDto(int Id, int? ParentId, string Name, OrgKind Kind, string? DivisionCode, string Path, bool IsActive);

public sealed record PeerGroupDto(int Id, string Name, int OwnerOrgId, IReadOnlyList<int> MemberIds);

/// <summary>The organisation tree: administrators' pages, and GET /api/v1/orgs for systems.</summary>
public static class OrgEndpoints
{
    public sealed class CreateForm
    {
        public int ParentId { get; set; }
        public string? Name { get; set; }
        public OrgKind Kind { get; set; }
        public string? DivisionCode { get; set; }

        public static CreateForm Read(IFormCollection f) => new()
        {
            ParentId = f.Int(nameof(ParentId)),
            Name = f.Text(nameof(Name)),
            Kind = f.Enum<OrgKind>(nameof(Kind)),
            DivisionCode = f.Text(nameof(DivisionCode)),
        };
    }
    public sealed class RenameForm
    {
        public string? Name { get; set; }
        public bool IsActive { get; set; }
        public int? Version { get; set; }

        public static RenameForm Read(IFormCollection f) => new() { Name = f.Text(nameof(Name)), IsActive = f.Bool(nameof(IsActive)), Version = f.NullableInt(nameof(Version)) };
    }
    public sealed class PeerGroupForm
    {
        public string? Name { get; set; }
        public int OwnerOrgId { get; set; }
        public int[]? MemberIds { get; set; }
        public int? Version { get; set; }

        public static PeerGroupForm Read(IFormCollection f) => new()
        {
            Name = f.Text(nameof(Name)),
            OwnerOrgId = f.Int(nameof(OwnerOrgId)),
            MemberIds = f.Ints(nameof(MemberIds)),
            Version = f.NullableInt(nameof(Version)),
        };
    }

    public static IEndpointRouteBuilder MapOrgEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Organisations");
        api.MapGet("/orgs", async Task<Ok<List<OrgDto>>> (HttpContext http, OrgService orgs, CancellationToken ct) =>
        {
            var actor = AuthSetup.ActorOf(http, "api")!;
            return TypedResults.Ok((await orgs.SubtreeAsync(actor, ct)).Select(n => new OrgDto(n.Id, n.ParentId, n.Name, n.Kind, n.DivisionCode, n.Path, n.IsActive)).ToList());
        }).WithSummary("The caller's organisation subtree, depth-first");
        api.MapGet("/peer-groups", async Task<Ok<List<PeerGroupDto>>> (HttpContext http, OrgService orgs, CancellationToken ct) =>
        {
            var actor = AuthSetup.ActorOf(http, "api")!;
            return TypedResults.Ok((await orgs.PeerGroupsAsync(actor, ct)).Select(g => new PeerGroupDto(g.Id, g.Name, g.OwnerOrgId, g.Members.Select(m => m.OrgId).Order().ToList())).ToList());
        }).WithSummary("Peer groups for rankings in the caller's subtree");

        var ui = app.MapGroup("/admin").RequireAuthorization().ExcludeFromDescription();
        ui.MapGet("/orgs", (HttpContext http, string? q, int? under, OrgService orgs, UiText t, CancellationToken ct) =>
            PageAsync(http.UiActor(), orgs, t, null, ct, q, under));
        ui.MapPost("/orgs", async (HttpContext http, IFormCollection posted, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = CreateForm.Read(posted);
            var result = await orgs.CreateAsync(http.UiActor(), form.ParentId, form.Name ?? "", form.Kind, form.DivisionCode, ct);
            // Back to the parent opened, where the new node is listed.
            return result.Succeeded
                ? Results.Redirect($"/admin/orgs?under={form.ParentId.ToString(System.Globalization.CultureInfo.InvariantCulture)}&done=org-created")
                : await PageAsync(http.UiActor(), orgs, t, t.ByField(result.Errors), ct);
        });
        ui.MapPost("/orgs/{id:int}", async (HttpContext http, int id, IFormCollection posted, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = RenameForm.Read(posted);
            var result = await orgs.RenameAsync(http.UiActor(), id, form.Name ?? "", form.IsActive, form.Version, ct);
            return result.Succeeded ? Results.Redirect("/admin/orgs?done=org-saved") : await PageAsync(http.UiActor(), orgs, t, t.ByField(result.Errors), ct);
        });
        ui.MapPost("/peer-groups/{id:int}", async (HttpContext http, int id, IFormCollection posted, OrgService orgs, UiText t, CancellationToken ct) =>
        {
            var form = PeerGroupForm.Read(posted);
            var result = await orgs.SavePeerGroupAsync(http.UiActor(), id, form.OwnerOrgId, form.Name ?? "", form.MemberIds ?? [], form.Version, ct);
            return result.Succeeded ? Results.Redirect("/admin/orgs?done=group-saved") : await PageAsync(http.UiActor(), orgs, t, t.ByField(result.Errors), ct);
        });
        return app;
    }

    /// <summary>
    /// The tree as an administrator works it (issue 13: the whole province was 420 KB): the regions, each with how many
    /// departments and units it holds; one node opened (<paramref name="under"/>) with all its children; or every node
    /// whose name or division code holds the words.
    /// </summary>
    private static async Task<IResult> PageAsync(Actor actor, OrgService orgs, UiText t, Dictionary<string, string[]>? errors, CancellationToken ct,
        string? words = null, int? under = null)
    {
        if (!actor.Can(Permission.ManageOrganisations)) return Pages.ForbiddenPage(t);
        var nodes = await orgs.SubtreeAsync(actor, ct);
        var focus = under is { } u ? nodes.FirstOrDefault(n => n.Id == u) : null;
        var terms = (words ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyList<OrgNode> shown = terms.Length > 0
            ? nodes.Where(n => terms.All(w => n.Name.Contains(w, StringComparison.Ordinal) || (n.DivisionCode ?? "").StartsWith(w, StringComparison.Ordinal))).ToList()
            : focus is not null
                ? nodes.Where(n => n.Id == focus.Id || n.ParentId == focus.Id).ToList()
                : nodes.Where(n => OrgTree.IsRegion(n.Kind)).ToList();
        return Pages.Render<OrgAdminPage>(new
        {
            Nodes = nodes,
            Shown = shown,
            Focus = focus,
            Words = words?.Trim(),
            Groups = await orgs.PeerGroupsAsync(actor, ct),
            Errors = (IReadOnlyDictionary<string, string[]>?)errors ?? new Dictionary<string, string[]>(),
        }, errors is null ? 200 : 422);
    }
}
