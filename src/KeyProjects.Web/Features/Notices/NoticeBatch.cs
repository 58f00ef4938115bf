using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeyProjects.Web.Features.Notices;

/// <summary>
/// Notices tens of thousands at a time (the escalation sweep's): the same rows as <see cref="NoticeService.NotifyAsync"/> writes
/// (same checks, same ON CONFLICT on (RecipientId, DedupeKey), so a notice already there is left alone), but in one
/// transaction for the run instead of a transaction and a statement per recipient through EF; the users are read
/// once per run instead of two queries per problem (docs/PERFORMANCE.md, issue 4).
/// </summary>
public sealed class NoticeBatch(AppDbContext db, TimeProvider clock)
{
    private readonly List<(string User, int Kind, string Args, string Link, string Key)> _rows = [];
    private readonly Dictionary<(Role, int, bool), IReadOnlyList<string>> _users = [];
    private List<(string Id, Role Role, int OrgId, string Path)>? _all;

    /// <summary>As <see cref="NoticeService.UsersAsync"/>: active users of a role at an organisation (or in its subtree); all users read once.</summary>
    public async Task<IReadOnlyList<string>> UsersAsync(Role role, int orgId, bool subtree, CancellationToken ct)
    {
        if (_users.TryGetValue((role, orgId, subtree), out var users)) return users;
        _all ??= (await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Role, u.OrgId, u.Org!.Path }).ToListAsync(ct))
            .Select(u => (u.Id, u.Role, u.OrgId, u.Path)).ToList();
        var path = _all.FirstOrDefault(u => u.OrgId == orgId).Path ?? await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
        users = path is null
            ? []
            : _all.Where(u => u.Role == role && (subtree ? new Subtree(path).Holds(u.Path) : u.OrgId == orgId))
                .Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
        _users[(role, orgId, subtree)] = users;
        return users;
    }

    public void Add(IEnumerable<string> userIds, NoticeKind kind, string dedupeKey, string link, IReadOnlyList<string> args)
    {
        var (recipients, json) = NoticeService.Prepare(userIds, dedupeKey, link, args);
        foreach (var user in recipients)
            _rows.Add((user, (int)kind, json, link, dedupeKey));
    }

    /// <summary>
    /// Writes the rows in one transaction: on SQLite one prepared INSERT run per row, on PostgreSQL one INSERT … SELECT
    /// FROM unnest(arrays) per 10,000 rows; both ON CONFLICT DO NOTHING, as NotifyAsync. Returns the rows created.
    /// </summary>
    public async Task<int> SaveAsync(CancellationToken ct)
    {
        if (_rows.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var created = 0;
        await using var tx = await db.UnitOfWorkAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        const string Insert = """INSERT INTO "Notices" ("RecipientId", "Kind", "Args", "Link", "DedupeKey", "CreatedAtUtc") """;
        const string OnConflict = """ ON CONFLICT ("RecipientId", "DedupeKey") DO NOTHING""";
        if (db.Database.IsSqlite())
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = Insert + "VALUES ($r, $k, $a, $l, $d, $c)" + OnConflict;
            var p = new[] { "$r", "$k", "$a", "$l", "$d", "$c" }.Select(n => { var x = cmd.CreateParameter(); x.ParameterName = n; cmd.Parameters.Add(x); return x; }).ToArray();
            p[5].Value = now;
            cmd.Prepare();
            foreach (var r in _rows)
            {
                p[0].Value = r.User; p[1].Value = r.Kind; p[2].Value = r.Args; p[3].Value = r.Link; p[4].Value = r.Key;
                created += cmd.ExecuteNonQuery();
            }
        }
        else
        {
            foreach (var chunk in _rows.Chunk(10_000))
            {
                await using var cmd = (Npgsql.NpgsqlCommand)connection.CreateCommand();
                cmd.Transaction = (Npgsql.NpgsqlTransaction?)transaction;
                cmd.CommandText = Insert + "SELECT r, k, a, l, d, @c FROM unnest(@r, @k, @a, @l, @d) AS t(r, k, a, l, d)" + OnConflict;
                cmd.Parameters.AddWithValue("r", chunk.Select(x => x.User).ToArray());
                cmd.Parameters.AddWithValue("k", chunk.Select(x => x.Kind).ToArray());
                cmd.Parameters.AddWithValue("a", chunk.Select(x => x.Args).ToArray());
                cmd.Parameters.AddWithValue("l", chunk.Select(x => x.Link).ToArray());
                cmd.Parameters.AddWithValue("d", chunk.Select(x => x.Key).ToArray());
                cmd.Parameters.AddWithValue("c", now);
                created += await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        _rows.Clear();
        return created;
    }
}
