namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>Folders of the repository the tests run from, for tests that read the sources.</summary>
public static class SourceFolders
{
    public static string Web
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KeyProjects.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "src", "KeyProjects.Web");
        }
    }

    public static string WebRoot => Path.Combine(Web, "wwwroot");
}
