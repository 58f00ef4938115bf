using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Data;

// Stand-in with the name of the real context (KeyProjects.Web.Data.AppDbContext), so that the code 'dotnet ef'
// generates here compiles without this project referencing the web host, which references it. The host's
// ProviderMigrationsAssembly takes every migration in this assembly (docs/decisions/002-migrations-per-provider.md).
internal abstract class AppDbContext : DbContext;
