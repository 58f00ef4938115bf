using System.Collections.Frozen;
using KeyProjects.Web.Features.Users;
using Microsoft.AspNetCore.Identity;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// Password rules beyond length and characters (issue 12): not one of the commonest passwords (a list shipped with the
/// app, compared without regard to case), and not containing the user name. Both languages name the rules on the forms
/// (Account.PasswordRule).
/// </summary>
public sealed class PasswordRules(UiText text) : IPasswordValidator<AppUser>
{
    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = new List<IdentityError>();
        var lower = (password ?? "").ToLowerInvariant();
        if (Common.Value.Contains(lower))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = text.Get("Identity.PasswordTooCommon") });
        var name = user.UserName?.Trim().ToLowerInvariant();
        if (name is { Length: >= 3 } && lower.Contains(name, StringComparison.Ordinal))
            errors.Add(new IdentityError { Code = "PasswordHasUserName", Description = text.Get("Identity.PasswordHasUserName") });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("KeyProjects.Web.Resources.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not in the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) words.Add(word.ToLowerInvariant());
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
