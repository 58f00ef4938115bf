using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;

namespace KeyProjects.Web.Features.Problems;

/// <summary>Pictures attached to a problem: checked by content, cleaned, saved with an audit entry.</summary>
public sealed partial class ProblemService
{
    public PhotoOptions PhotoLimits => photos.Limits;

    public async Task<Result<int>> AttachAsync(Actor actor, long id, IReadOnlyList<PhotoInput> inputs, CancellationToken ct = default)
    {
        var detail = await DetailAsync(actor, id, ct);
        if (!detail.Succeeded) return Result<int>.Fail(detail.Errors);
        if (!detail.Value.Rights.Attach) return Result<int>.Fail(new Forbidden("Problem.Error.MayNotAct"));
        if (inputs.Count == 0) return Result<int>.Fail(new FieldInvalid(PhotoService.Field, "Problem.Error.NoFile"));
        var errors = new List<DomainError>();
        var checkedPhotos = await photos.CheckAllAsync(inputs, errors, ct);
        if (errors.Count > 0) return Result<int>.Fail(errors);
        var s = await SnapshotAsync(ct);
        var projectId = s.FindByCode(detail.Value.Row.ProjectCode)!.Id;
        var saved = checkedPhotos.Select(p => photos.Attach(actor, projectId, PhotoOwnerKind.Problem, id, p)).ToList();
        AuditLog.Add(db, clock, actor, AuditType, Key(id), s.PathOf(detail.Value.Row.OrgId) ?? "/", AuditAction.Updated,
            AuditLog.Diff(null, new Dictionary<string, string?> { ["Attachments"] = string.Join(", ", saved.Select(p => p.Sha256[..12])) }), detail.Value.Row.Version);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return saved.Count;
    }
}
