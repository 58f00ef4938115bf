using KeyProjects.Domain.Access;
using KeyProjects.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;

namespace KeyProjects.Web.Features.Users;

/// <summary>A person who logs in: one role, at one node of the organisation tree.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    /// <summary>For 服务专员: 首席服务官, 帮办人 or 盯办人.</summary>
    public ServiceTitle? ServiceTitle { get; set; }
    public int OrgId { get; set; }
    public Organisation? Org { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Counts the administrators' changes to the account (name, role, organisation, activation): the version a change is made against.</summary>
    public int Version { get; set; } = 1;
}
