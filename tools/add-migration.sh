#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations projects, as every model change must.
#   tools/add-migration.sh AddProblems
# EF_DESIGN=true makes the web project reference EF's design-time assemblies for this build only (ENVIRONMENT.md).
set -euo pipefail
name="${1:?usage: tools/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
export EF_DESIGN=true

# The migrations projects cannot reference the host (it references them), so the generated [DbContext] attribute and
# its using are taken out; the host's ProviderMigrationsAssembly takes every migration of the provider's assembly
# (docs/decisions/002-migrations-per-provider.md).
detach() {
  for f in "src/KeyProjects.Migrations.$1/Migrations/"*.cs; do
    sed -i -e '/^ *\[DbContext(typeof(AppDbContext))\]$/d' -e '/^using KeyProjects\.Web\.Data;$/d' "$f"
  done
}

dotnet ef migrations add "$name" --project src/KeyProjects.Migrations.Sqlite --startup-project src/KeyProjects.Web \
  --output-dir Migrations -- --Database:Provider=Sqlite
detach Sqlite
dotnet ef migrations add "$name" --project src/KeyProjects.Migrations.Postgres --startup-project src/KeyProjects.Web \
  --output-dir Migrations -- --Database:Provider=Postgres "--ConnectionStrings:Postgres=Host=localhost;Database=design-time"
detach Postgres
echo "Added migration '$name' for SQLite and PostgreSQL. Review both, then commit them with the model change."
